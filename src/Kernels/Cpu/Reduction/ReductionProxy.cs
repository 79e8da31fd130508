using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// How a reduction over an element type without loops of its own (int8, int16, the unsigned
/// integers, float16) runs on the engine's loops for int32, int64, float32 or float64.
/// </summary>
/// <remarks>
/// The values are cast inside the fused prologue (no extra pass) to a proxy type that holds them
/// exactly and orders them the same, so sums, products, extrema and their positions are NumPy's:
/// <list type="bullet">
/// <item>8- and 16-bit integers run as int32, uint32 as int64, float16 as float32 (NumPy also
/// accumulates float16 in float32);</item>
/// <item>uint64 sums and products run as int64: two's-complement arithmetic wraps to the same
/// bits. Its extrema run on the bits with the top one flipped, which maps unsigned order onto
/// signed order; the flip is undone on the result;</item>
/// <item>means, variances and standard deviations of the new integer types run in float64, as
/// NumPy's do.</item>
/// </list>
/// The engine's result (int64 for a sum of int32) is then cast to the result type NumPy gives
/// (uint64 for a sum of uint8, float16 for a max of float16).
/// </remarks>
internal readonly record struct ReductionProxy(DType Type, Func<Expr, Expr> Forward, Func<Expr, Expr> Back)
{
    public static ReductionProxy? For(ReductionKind kind, DType input)
    {
        if (kind is ReductionKind.Any or ReductionKind.All)
        {
            return null;
        }
        if (input == DType.Float16)
        {
            return Cast(DType.Float32);
        }
        if (!input.IsInteger() || input is DType.Int32 or DType.Int64)
        {
            return null;
        }
        if (kind is ReductionKind.Mean or ReductionKind.Var or ReductionKind.Std or
            ReductionKind.NanMean or ReductionKind.NanVar or ReductionKind.NanStd)
        {
            return Cast(DType.Float64);
        }
        if (input == DType.UInt64 && kind is not (ReductionKind.Sum or ReductionKind.NanSum or ReductionKind.Prod or ReductionKind.NanProd))
        {
            return new(DType.Int64, e => FlipTopBit(Ex.Cast(e, DType.Int64)), r => Ex.Cast(FlipTopBit(r), DType.UInt64));
        }
        return Cast(input is DType.UInt32 or DType.UInt64 ? DType.Int64 : DType.Int32);
    }

    private static ReductionProxy Cast(DType type) => new(type, e => Ex.Cast(e, type), r => r);

    private static Expr FlipTopBit(Expr e) => Ex.Binary(OpTable.BitwiseXor, e, Ex.Typed(Scalar.Int64(long.MinValue)));
}
