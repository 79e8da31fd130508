using System.Numerics;

namespace Tessera.Kernels.Types;

/// <summary>Code written once for any element type: called back with the C# type of a <see cref="DType"/>.</summary>
internal interface IElementTypeVisitor<out TResult>
{
    TResult Visit<T>() where T : unmanaged;
}

/// <summary>Code written once per kind of number: integers and IEEE floats get their own generic method.</summary>
internal interface INumberTypeVisitor<out TResult>
{
    TResult Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>;

    TResult Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>;
}

/// <summary>
/// The one place a <see cref="DType"/> becomes a C# type parameter. Families, steps, slots and
/// buffers dispatch through it, so a new element type is added here and nowhere else; the visitors
/// are structs, so each call is specialised by the JIT and costs one switch.
/// </summary>
internal static class ElementTypeSwitch
{
    public static TResult Visit<TVisitor, TResult>(DType dtype, TVisitor visitor)
        where TVisitor : IElementTypeVisitor<TResult> => dtype switch
        {
            DType.Float32 => visitor.Visit<float>(),
            DType.Float64 => visitor.Visit<double>(),
            DType.Int32 => visitor.Visit<int>(),
            DType.Int64 => visitor.Visit<long>(),
            DType.Bool => visitor.Visit<bool>(),
            DType.Int8 => visitor.Visit<sbyte>(),
            DType.Int16 => visitor.Visit<short>(),
            DType.UInt8 => visitor.Visit<byte>(),
            DType.UInt16 => visitor.Visit<ushort>(),
            DType.UInt32 => visitor.Visit<uint>(),
            DType.UInt64 => visitor.Visit<ulong>(),
            DType.Float16 => visitor.Visit<Half>(),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a defined DType."),
        };

    /// <summary>Dispatches a number type; bool (and any other non-number) throws, naming <paramref name="what"/>.</summary>
    public static TResult VisitNumber<TVisitor, TResult>(DType dtype, TVisitor visitor, string what)
        where TVisitor : INumberTypeVisitor<TResult> => dtype switch
        {
            DType.Float32 => visitor.Float<float>(),
            DType.Float64 => visitor.Float<double>(),
            DType.Float16 => visitor.Float<Half>(),
            DType.Int32 => visitor.Integer<int>(),
            DType.Int64 => visitor.Integer<long>(),
            DType.Int8 => visitor.Integer<sbyte>(),
            DType.Int16 => visitor.Integer<short>(),
            DType.UInt8 => visitor.Integer<byte>(),
            DType.UInt16 => visitor.Integer<ushort>(),
            DType.UInt32 => visitor.Integer<uint>(),
            DType.UInt64 => visitor.Integer<ulong>(),
            _ => throw new NotSupportedException($"{what} ops are not defined on {dtype}; cast the operand to a number type first."),
        };
}
