using Tessera.Kernels.Backends;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>The types one reduction compiles with: element, partial, output element and op.</summary>
/// <param name="Element">The prologue's device element type.</param>
/// <param name="Partial">The partial (accumulator) type.</param>
/// <param name="Output">The output's device element type.</param>
/// <param name="Op">The op struct (accumulate, merge, finish).</param>
internal sealed record ReductionOpTypes(Type Element, Type Partial, Type Output, Type Op);

/// <summary>
/// Picks the op of a (normalised) reduction kind and prologue type, with the CPU backend's
/// accumulators: float sums compensated in double, float products in double, integer sums and
/// products in wrapping int64, mean/var/std in double (float64 results for integers), min/max and
/// arg* in the input's type. On integers each nan* kind is its plain form.
/// </summary>
internal static class ReductionOps
{
    /// <summary>The op types of <paramref name="kind"/> over a prologue of <paramref name="input"/>.</summary>
    public static ReductionOpTypes For(ReductionKind kind, DType input) => input switch
    {
        DType.Float32 => Floats<float, F32>(kind),
        DType.Float64 => Floats<double, F64>(kind),
        DType.Int32 => Integers<int, I32>(kind),
        DType.Int64 => Integers<long, I64>(kind),
        DType.Bool => kind switch
        {
            ReductionKind.Any => Of<byte, int, byte, AnyTrue>(),
            ReductionKind.All => Of<byte, int, byte, AllTrue>(),
            _ => throw Unsupported(kind, input),
        },
        _ => throw Unsupported(kind, input),
    };

    private static ReductionOpTypes Floats<T, TN>(ReductionKind kind)
        where T : unmanaged
        where TN : struct, IDeviceNumber<T> => kind switch
        {
            ReductionKind.Sum => Of<T, CompensatedSum, T, FloatSum<T, TN, PropagateNaN>>(),
            ReductionKind.NanSum => Of<T, CompensatedSum, T, FloatSum<T, TN, SkipNaN>>(),
            ReductionKind.Prod => Of<T, double, T, FloatProduct<T, TN, PropagateNaN>>(),
            ReductionKind.NanProd => Of<T, double, T, FloatProduct<T, TN, SkipNaN>>(),
            ReductionKind.Min => Of<T, Extremum<T>, T, ExtremumOp<T, TN, Smallest, PropagateNaN>>(),
            ReductionKind.Max => Of<T, Extremum<T>, T, ExtremumOp<T, TN, Largest, PropagateNaN>>(),
            ReductionKind.NanMin => Of<T, Extremum<T>, T, ExtremumOp<T, TN, Smallest, SkipNaN>>(),
            ReductionKind.NanMax => Of<T, Extremum<T>, T, ExtremumOp<T, TN, Largest, SkipNaN>>(),
            ReductionKind.Mean => Of<T, SumCount, T, MeanOp<T, TN, PropagateNaN, T, TN>>(),
            ReductionKind.NanMean => Of<T, SumCount, T, MeanOp<T, TN, SkipNaN, T, TN>>(),
            ReductionKind.Var => Of<T, Moments, T, MomentOp<T, TN, PropagateNaN, VarianceOf, T, TN>>(),
            ReductionKind.NanVar => Of<T, Moments, T, MomentOp<T, TN, SkipNaN, VarianceOf, T, TN>>(),
            ReductionKind.Std => Of<T, Moments, T, MomentOp<T, TN, PropagateNaN, StdOf, T, TN>>(),
            ReductionKind.NanStd => Of<T, Moments, T, MomentOp<T, TN, SkipNaN, StdOf, T, TN>>(),
            ReductionKind.ArgMin => Of<T, ArgExtremum<T>, long, ArgExtremumOp<T, TN, Smallest, PropagateNaN>>(),
            ReductionKind.ArgMax => Of<T, ArgExtremum<T>, long, ArgExtremumOp<T, TN, Largest, PropagateNaN>>(),
            ReductionKind.NanArgMin => Of<T, ArgExtremum<T>, long, ArgExtremumOp<T, TN, Smallest, SkipNaN>>(),
            ReductionKind.NanArgMax => Of<T, ArgExtremum<T>, long, ArgExtremumOp<T, TN, Largest, SkipNaN>>(),
            _ => throw Unsupported(kind, typeof(T) == typeof(float) ? DType.Float32 : DType.Float64),
        };

    private static ReductionOpTypes Integers<T, TN>(ReductionKind kind)
        where T : unmanaged
        where TN : struct, IDeviceNumber<T> => kind switch
        {
            ReductionKind.Sum or ReductionKind.NanSum => Of<T, long, long, IntegerSum<T, TN>>(),
            ReductionKind.Prod or ReductionKind.NanProd => Of<T, long, long, IntegerProduct<T, TN>>(),
            ReductionKind.Min or ReductionKind.NanMin => Of<T, Extremum<T>, T, ExtremumOp<T, TN, Smallest, PropagateNaN>>(),
            ReductionKind.Max or ReductionKind.NanMax => Of<T, Extremum<T>, T, ExtremumOp<T, TN, Largest, PropagateNaN>>(),
            ReductionKind.Mean or ReductionKind.NanMean => Of<T, SumCount, double, MeanOp<T, TN, PropagateNaN, double, F64>>(),
            ReductionKind.Var or ReductionKind.NanVar => Of<T, Moments, double, MomentOp<T, TN, PropagateNaN, VarianceOf, double, F64>>(),
            ReductionKind.Std or ReductionKind.NanStd => Of<T, Moments, double, MomentOp<T, TN, PropagateNaN, StdOf, double, F64>>(),
            ReductionKind.ArgMin or ReductionKind.NanArgMin => Of<T, ArgExtremum<T>, long, ArgExtremumOp<T, TN, Smallest, PropagateNaN>>(),
            ReductionKind.ArgMax or ReductionKind.NanArgMax => Of<T, ArgExtremum<T>, long, ArgExtremumOp<T, TN, Largest, PropagateNaN>>(),
            _ => throw Unsupported(kind, typeof(T) == typeof(int) ? DType.Int32 : DType.Int64),
        };

    private static ReductionOpTypes Of<T, TAcc, TOut, TOp>()
        where T : unmanaged
        where TAcc : unmanaged
        where TOut : unmanaged
        where TOp : struct, IAccumulateOp<T, TAcc>, IFinishOp<TAcc, TOut> =>
        new(typeof(T), typeof(TAcc), typeof(TOut), typeof(TOp));

    // Normalisation turns bool prologues into any/all or int32 first; reaching this is a bug.
    private static NotSupportedException Unsupported(ReductionKind kind, DType input) => new(
        $"The ILGPU backend has no {kind} kernel for a {input} prologue (bool prologues are read as any/all or as int32). " +
        "Normalise the reduction with ReductionRewrites.Normalize first.");
}
