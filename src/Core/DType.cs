namespace Tessera;

/// <summary>
/// The element type of an array, a chunk or a device buffer. Typed, never a string, so a
/// misspelt type is a compile error; code generators turn it into C type names internally.
/// </summary>
/// <remarks>Values are stable (spilled buffers record them): append new types, never renumber.</remarks>
public enum DType
{
    /// <summary>32-bit IEEE 754 floating point (C# <see cref="float"/>).</summary>
    Float32,

    /// <summary>64-bit IEEE 754 floating point (C# <see cref="double"/>).</summary>
    Float64,

    /// <summary>32-bit signed integer (C# <see cref="int"/>).</summary>
    Int32,

    /// <summary>64-bit signed integer (C# <see cref="long"/>).</summary>
    Int64,

    /// <summary>Boolean stored in one byte (C# <see cref="bool"/>); used for masks and comparisons.</summary>
    Bool,

    /// <summary>8-bit signed integer (C# <see cref="sbyte"/>, NumPy's int8).</summary>
    Int8,

    /// <summary>16-bit signed integer (C# <see cref="short"/>, NumPy's int16).</summary>
    Int16,

    /// <summary>8-bit unsigned integer (C# <see cref="byte"/>, NumPy's uint8).</summary>
    UInt8,

    /// <summary>16-bit unsigned integer (C# <see cref="ushort"/>, NumPy's uint16).</summary>
    UInt16,

    /// <summary>32-bit unsigned integer (C# <see cref="uint"/>, NumPy's uint32).</summary>
    UInt32,

    /// <summary>64-bit unsigned integer (C# <see cref="ulong"/>, NumPy's uint64).</summary>
    UInt64,

    /// <summary>16-bit IEEE 754 floating point (C# <see cref="System.Half"/>, NumPy's float16).</summary>
    Float16,
}
