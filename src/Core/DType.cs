namespace Tessera;

/// <summary>
/// The element type of an array, a chunk or a device buffer. Typed, never a string, so a
/// misspelt type is a compile error; code generators turn it into C type names internally.
/// </summary>
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
}
