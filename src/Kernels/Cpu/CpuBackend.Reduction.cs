using System.Numerics;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Cpu.Reduction;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Cpu;

internal sealed partial class CpuBackend
{
    public void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0)
    {
        // One test of the width per call; below it every loop is compiled for that width.
        switch (SimdWidth.Bits)
        {
            case 512: Reduce<Width512>(kind, prologue, inputs, axes, output, ddof); break;
            case 256: Reduce<Width256>(kind, prologue, inputs, axes, output, ddof); break;
            default: Reduce<Width128>(kind, prologue, inputs, axes, output, ddof); break;
        }
    }

    /// <summary>
    /// <see cref="Reduce(ReductionKind, Expr, IReadOnlyList{IDeviceBuffer}, ReadOnlySpan{int}, IDeviceBuffer, int)"/>
    /// at the vector width <typeparamref name="TW"/>, whatever the widest here is: tests run
    /// every width the host accelerates through it.
    /// </summary>
    internal static void Reduce<TW>(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0)
        where TW : IVectorWidth
    {
        ArgumentNullException.ThrowIfNull(prologue);
        ArgumentNullException.ThrowIfNull(output);
        var cpuInputs = OnCpu(inputs);
        var shape = Shapes.Broadcast(cpuInputs.Select(b => b.Shape));
        var axisSet = ReductionTypes.NormalizeAxes(axes, shape.Length);
        var layout = ReductionLayout.Create(shape, axisSet);
        CheckOutput(kind, prologue.DType, shape, axisSet, layout, output);
        if (ddof < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ddof), ddof, "ddof is 0 or more (1 for the sample variance).");
        }
        if (ReductionProxy.For(kind, prologue.DType) is { } proxy)
        {
            ReduceThroughProxy<TW>(kind, proxy, prologue, cpuInputs, axes, output, ddof);
            return;
        }
        (kind, prologue) = Normalize(kind, prologue);
        var program = FusedProgram.Compile(prologue, cpuInputs, shape);
        switch (prologue.DType)
        {
            case DType.Float32: ReduceFloat<float, TW>(kind, program, layout, output, ddof); break;
            case DType.Float64: ReduceFloat<double, TW>(kind, program, layout, output, ddof); break;
            case DType.Int32: ReduceInteger<int, TW>(kind, program, layout, output, ddof); break;
            case DType.Int64: ReduceInteger<long, TW>(kind, program, layout, output, ddof); break;
            default: ReduceBool<TW>(kind, program, layout, output); break;
        }
    }

    // See ReductionProxy: the engine reduces the proxy type into a buffer of its own result
    // type, and one elementwise pass turns that into the result NumPy gives for the input type.
    private static void ReduceThroughProxy<TW>(ReductionKind kind, ReductionProxy proxy, Expr prologue,
        IReadOnlyList<CpuBuffer> inputs, ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof)
        where TW : IVectorWidth
    {
        var proxyResult = ReductionTypes.ResultType(kind, proxy.Type);
        var engineOutput = CpuBuffer.Allocate(proxyResult, [.. output.Shape]);
        Reduce<TW>(kind, proxy.Forward(prologue), inputs, axes, engineOutput, ddof);
        var values = kind is ReductionKind.Min or ReductionKind.Max or ReductionKind.NanMin or ReductionKind.NanMax;
        var result = Ex.Input(0, proxyResult);
        Instance.ElementwiseTiled(Ex.Cast(values ? proxy.Back(result) : result, output.DType), [engineOutput], output);
    }

    // Bool prologues: min/max are all/any; the arithmetic reductions count in int32 (results
    // are int64 / float64 as NumPy's). any/all read every type as x != 0.
    private static (ReductionKind, Expr) Normalize(ReductionKind kind, Expr prologue)
    {
        if (kind is ReductionKind.Any or ReductionKind.All)
        {
            return (kind, Ex.Cast(prologue, DType.Bool));
        }
        if (prologue.DType == DType.Bool)
        {
            return kind switch
            {
                ReductionKind.Min or ReductionKind.NanMin => (ReductionKind.All, prologue),
                ReductionKind.Max or ReductionKind.NanMax => (ReductionKind.Any, prologue),
                _ => (kind, Ex.Cast(prologue, DType.Int32)),
            };
        }
        return (kind, prologue);
    }

    private static void CheckOutput(ReductionKind kind, DType input, int[] shape, HashSet<int> axes, ReductionLayout layout, IDeviceBuffer output)
    {
        var expected = ReductionTypes.ResultType(kind, input);
        if (output.DType != expected)
        {
            throw new ArgumentException(
                $"{kind} of {input} gives {expected}, but the output buffer holds {output.DType}. Allocate the output as {expected}.",
                nameof(output));
        }
        var dropped = shape.Where((_, k) => !axes.Contains(k)).ToArray();
        var kept = shape.Select((d, k) => axes.Contains(k) ? 1 : d).ToArray();
        if (!output.Shape.SequenceEqual(dropped) && !output.Shape.SequenceEqual(kept))
        {
            throw new ArgumentException(
                $"Reducing {Shapes.Format(shape)} over axes [{string.Join(", ", axes.Order())}] gives {Shapes.Format(dropped)} " +
                $"(or {Shapes.Format(kept)} with kept dimensions), but the output is {Shapes.Format(output.Shape)}.", nameof(output));
        }
        if (ReductionTypes.NeedsElements(kind) && layout.ReducedLength == 0 && layout.OutputLength > 0)
        {
            throw new ArgumentException(
                $"{kind} over axes [{string.Join(", ", axes.Order())}] of shape {Shapes.Format(shape)} reduces zero elements, " +
                $"and {kind} has no identity (NumPy raises the same). Reduce non-empty axes or use a reduction with an identity (sum, any, ...).");
        }
    }

    private static void ReduceFloat<T, TW>(ReductionKind kind, FusedProgram p, ReductionLayout l, IDeviceBuffer output, int ddof)
        where T : IFloatingPointIeee754<T>
        where TW : IVectorWidth
    {
        var o = output as CpuBuffer<T>;
        var arg = output as CpuBuffer<long>;
        switch (kind)
        {
            case ReductionKind.Sum: ReductionEngine.Run<T, CompensatedSum, T, FloatSum<T, PropagateNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.NanSum: ReductionEngine.Run<T, CompensatedSum, T, FloatSum<T, SkipNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.Prod: ReductionEngine.Run<T, double, T, FloatProduct<T, PropagateNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.NanProd: ReductionEngine.Run<T, double, T, FloatProduct<T, SkipNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.Min: ReductionEngine.Run<T, Extremum<T>, T, MinMax<T, Smallest, PropagateNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.Max: ReductionEngine.Run<T, Extremum<T>, T, MinMax<T, Largest, PropagateNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.NanMin: ReductionEngine.Run<T, Extremum<T>, T, MinMax<T, Smallest, SkipNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.NanMax: ReductionEngine.Run<T, Extremum<T>, T, MinMax<T, Largest, SkipNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.Mean: ReductionEngine.Run<T, SumCount, T, MeanReducer<T, T, PropagateNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.Var: ReductionEngine.Run<T, Moments, T, MomentReducer<T, T, PropagateNaN, VarianceStatistic, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.Std: ReductionEngine.Run<T, Moments, T, MomentReducer<T, T, PropagateNaN, StdStatistic, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.NanMean: ReductionEngine.Run<T, SumCount, T, MeanReducer<T, T, SkipNaN, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.NanVar: ReductionEngine.Run<T, Moments, T, MomentReducer<T, T, SkipNaN, VarianceStatistic, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.NanStd: ReductionEngine.Run<T, Moments, T, MomentReducer<T, T, SkipNaN, StdStatistic, TW>, TW>(p, l, o!, ddof); break;
            case ReductionKind.ArgMin: ReductionEngine.Run<T, ArgExtremum<T>, long, ArgMinMax<T, Smallest, PropagateNaN, TW>, TW>(p, l, arg!, ddof); break;
            case ReductionKind.ArgMax: ReductionEngine.Run<T, ArgExtremum<T>, long, ArgMinMax<T, Largest, PropagateNaN, TW>, TW>(p, l, arg!, ddof); break;
            case ReductionKind.NanArgMin: ReductionEngine.Run<T, ArgExtremum<T>, long, ArgMinMax<T, Smallest, SkipNaN, TW>, TW>(p, l, arg!, ddof); break;
            case ReductionKind.NanArgMax: ReductionEngine.Run<T, ArgExtremum<T>, long, ArgMinMax<T, Largest, SkipNaN, TW>, TW>(p, l, arg!, ddof); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reduction.");
        }
    }

    // Integers have no NaN, so each nan* reduction is its plain form.
    private static void ReduceInteger<T, TW>(ReductionKind kind, FusedProgram p, ReductionLayout l, IDeviceBuffer output, int ddof)
        where T : IBinaryInteger<T>
        where TW : IVectorWidth
    {
        var same = output as CpuBuffer<T>;
        var wide = output as CpuBuffer<long>;
        var real = output as CpuBuffer<double>;
        switch (kind)
        {
            case ReductionKind.Sum or ReductionKind.NanSum: ReductionEngine.Run<T, long, long, IntegerSum<T, TW>, TW>(p, l, wide!, ddof); break;
            case ReductionKind.Prod or ReductionKind.NanProd: ReductionEngine.Run<T, long, long, IntegerProduct<T>, TW>(p, l, wide!, ddof); break;
            case ReductionKind.Min or ReductionKind.NanMin: ReductionEngine.Run<T, Extremum<T>, T, MinMax<T, Smallest, PropagateNaN, TW>, TW>(p, l, same!, ddof); break;
            case ReductionKind.Max or ReductionKind.NanMax: ReductionEngine.Run<T, Extremum<T>, T, MinMax<T, Largest, PropagateNaN, TW>, TW>(p, l, same!, ddof); break;
            case ReductionKind.Mean or ReductionKind.NanMean: ReductionEngine.Run<T, SumCount, double, MeanReducer<T, double, PropagateNaN, TW>, TW>(p, l, real!, ddof); break;
            case ReductionKind.Var or ReductionKind.NanVar: ReductionEngine.Run<T, Moments, double, MomentReducer<T, double, PropagateNaN, VarianceStatistic, TW>, TW>(p, l, real!, ddof); break;
            case ReductionKind.Std or ReductionKind.NanStd: ReductionEngine.Run<T, Moments, double, MomentReducer<T, double, PropagateNaN, StdStatistic, TW>, TW>(p, l, real!, ddof); break;
            case ReductionKind.ArgMin or ReductionKind.NanArgMin: ReductionEngine.Run<T, ArgExtremum<T>, long, ArgMinMax<T, Smallest, PropagateNaN, TW>, TW>(p, l, wide!, ddof); break;
            case ReductionKind.ArgMax or ReductionKind.NanArgMax: ReductionEngine.Run<T, ArgExtremum<T>, long, ArgMinMax<T, Largest, PropagateNaN, TW>, TW>(p, l, wide!, ddof); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reduction.");
        }
    }

    private static void ReduceBool<TW>(ReductionKind kind, FusedProgram p, ReductionLayout l, IDeviceBuffer output)
        where TW : IVectorWidth
    {
        var o = (CpuBuffer<bool>)output;
        if (kind == ReductionKind.Any)
        {
            ReductionEngine.Run<bool, bool, bool, AnyTrue, TW>(p, l, o, 0);
        }
        else
        {
            ReductionEngine.Run<bool, bool, bool, AllTrue, TW>(p, l, o, 0);
        }
    }
}
