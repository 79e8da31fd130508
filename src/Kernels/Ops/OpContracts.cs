using System.Numerics;

namespace Tessera.Kernels.Ops;

// The operator-struct contracts. Each op is a readonly struct implementing one of these; the
// generic drivers (CPU steps, the scalar reference) are specialised per struct and element type
// by the JIT, so an op is written once, has no loops of its own and costs no virtual call per
// element. TryMap* members are optional vector fast paths over a whole tile (TensorPrimitives);
// returning false falls back to the driver's scalar loop over Apply.

/// <summary>A unary op defined on floating point only (integer operands are promoted first).</summary>
internal interface IFloatUnaryOp
{
    static abstract T Apply<T>(T x) where T : IFloatingPointIeee754<T>;

    static virtual bool TryMap<T>(ReadOnlySpan<T> x, Span<T> result) where T : IFloatingPointIeee754<T> => false;
}

/// <summary>A unary op on int, long, float and double that keeps the element type.</summary>
internal interface INumericUnaryOp
{
    static abstract T ApplyInteger<T>(T x) where T : IBinaryInteger<T>;

    static abstract T ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T>;

    static virtual bool TryMapFloat<T>(ReadOnlySpan<T> x, Span<T> result) where T : IFloatingPointIeee754<T> => false;
}

/// <summary>A test on int, long, float and double giving bool.</summary>
internal interface IPredicateOp
{
    static abstract bool ApplyInteger<T>(T x) where T : IBinaryInteger<T>;

    static abstract bool ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T>;
}

/// <summary>A binary op on int, long, float and double (both operands already of one type).</summary>
internal interface INumericBinaryOp
{
    static abstract T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T>;

    static abstract T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T>;

    static virtual bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> result) where T : INumber<T> => false;
}

/// <summary>A binary op defined on floating point only (integer operands are promoted first).</summary>
internal interface IFloatBinaryOp
{
    static abstract T Apply<T>(T a, T b) where T : IFloatingPointIeee754<T>;

    static virtual bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> result) where T : IFloatingPointIeee754<T> => false;
}

/// <summary>A comparison of two numbers of one type (IEEE semantics: NaN compares unequal).</summary>
internal interface ICompareOp
{
    static abstract bool Apply<T>(T a, T b) where T : INumber<T>;
}

/// <summary>A logical op on bools (operands are converted with <c>x != 0</c> first).</summary>
internal interface ILogicalOp
{
    static abstract bool Apply(bool a, bool b);
}
