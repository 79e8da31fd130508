using System.Numerics;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Cpu.Reduction;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Cpu;

internal sealed partial class CpuBackend
{
    /// <summary>
    /// Mean and variance from one pass: the variance reducer already carries count, mean and M2
    /// per output, so both results come out of the same accumulators and the block is read once
    /// (a blocked std otherwise reads every block twice).
    /// </summary>
    public void ReduceMoments(Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes,
        IDeviceBuffer mean, IDeviceBuffer variance)
    {
        switch (SimdWidth.Bits)
        {
            case 512: ReduceMoments<Width512>(prologue, inputs, axes, mean, variance); break;
            case 256: ReduceMoments<Width256>(prologue, inputs, axes, mean, variance); break;
            default: ReduceMoments<Width128>(prologue, inputs, axes, mean, variance); break;
        }
    }

    /// <summary>
    /// <see cref="ReduceMoments(Expr, IReadOnlyList{IDeviceBuffer}, ReadOnlySpan{int}, IDeviceBuffer, IDeviceBuffer)"/>
    /// at the vector width <typeparamref name="TW"/> (tests run every width the host accelerates).
    /// </summary>
    internal void ReduceMoments<TW>(Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes,
        IDeviceBuffer mean, IDeviceBuffer variance)
        where TW : IVectorWidth
    {
        ArgumentNullException.ThrowIfNull(prologue);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        var outputs = mean.DType;
        if (prologue.DType is not (DType.Float64 or DType.Float32) || outputs is not (DType.Float64 or DType.Float32)
            || variance.DType != outputs || (outputs == DType.Float32 && prologue.DType == DType.Float64))
        {
            // Integer inputs and narrowing outputs keep the two-reduction form, whose type rules Reduce checks.
            MomentPasses.MeanThenVariance(this, prologue, inputs, axes, mean, variance);
            return;
        }
        var cpuInputs = OnCpu(inputs);
        var shape = Shapes.Broadcast(cpuInputs.Select(b => b.Shape));
        var axisSet = ReductionTypes.NormalizeAxes(axes, shape.Length);
        var layout = ReductionLayout.Create(shape, axisSet);
        // Outputs are checked as for a prologue of their own type: float32 values may be reduced
        // straight into float64 moments (widened as they are summed), with no cast pass.
        CheckOutput(ReductionKind.Mean, outputs, shape, axisSet, layout, mean);
        CheckOutput(ReductionKind.Var, outputs, shape, axisSet, layout, variance);
        var program = FusedProgram.Compile(prologue, cpuInputs, shape);
        switch (prologue.DType, outputs)
        {
            case (DType.Float64, _): WriteMoments<double, double, TW>(program, layout, mean, variance); break;
            case (DType.Float32, DType.Float64): WriteMoments<float, double, TW>(program, layout, mean, variance); break;
            default: WriteMoments<float, float, TW>(program, layout, mean, variance); break;
        }
    }

    private static void WriteMoments<T, TOut, TW>(FusedProgram program, ReductionLayout layout, IDeviceBuffer mean, IDeviceBuffer variance)
        where T : IFloatingPointIeee754<T>
        where TOut : IFloatingPointIeee754<TOut>
        where TW : IVectorWidth
    {
        var accs = ReductionEngine.Accumulate<T, Moments, TOut, MomentReducer<T, TOut, PropagateNaN, VarianceStatistic, TW>, TW>(program, layout);
        var means = ((CpuBuffer<TOut>)mean).Span;
        var variances = ((CpuBuffer<TOut>)variance).Span;
        for (var i = 0; i < accs.Length; i++)
        {
            // An empty selection: NaN for both, as Reduce(Mean) and Reduce(Var) give.
            means[i] = TOut.CreateTruncating(accs[i].Count == 0 ? double.NaN : accs[i].Mean);
            variances[i] = TOut.CreateTruncating(VarianceStatistic.Finish(accs[i], 0));
        }
    }
}
