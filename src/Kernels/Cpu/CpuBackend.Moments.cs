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
        ArgumentNullException.ThrowIfNull(prologue);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        if (prologue.DType is not (DType.Float64 or DType.Float32) || mean.DType != prologue.DType || variance.DType != prologue.DType)
        {
            // Integer and mixed-type moments keep the two-reduction form, whose type rules Reduce checks.
            Reduce(ReductionKind.Mean, prologue, inputs, axes, mean);
            Reduce(ReductionKind.Var, prologue, inputs, axes, variance);
            return;
        }
        var cpuInputs = OnCpu(inputs);
        var shape = Shapes.Broadcast(cpuInputs.Select(b => b.Shape));
        var axisSet = ReductionTypes.NormalizeAxes(axes, shape.Length);
        var layout = ReductionLayout.Create(shape, axisSet);
        CheckOutput(ReductionKind.Mean, prologue.DType, shape, axisSet, layout, mean);
        CheckOutput(ReductionKind.Var, prologue.DType, shape, axisSet, layout, variance);
        var program = FusedProgram.Compile(prologue, cpuInputs, shape);
        if (prologue.DType == DType.Float64)
        {
            WriteMoments<double>(program, layout, (CpuBuffer<double>)mean, (CpuBuffer<double>)variance);
        }
        else
        {
            WriteMoments<float>(program, layout, (CpuBuffer<float>)mean, (CpuBuffer<float>)variance);
        }
    }

    private static void WriteMoments<T>(FusedProgram program, ReductionLayout layout, CpuBuffer<T> mean, CpuBuffer<T> variance)
        where T : IFloatingPointIeee754<T>
    {
        var accs = ReductionEngine.Accumulate<T, Moments, T, MomentReducer<T, T, PropagateNaN, VarianceStatistic>>(program, layout);
        var means = mean.Span;
        var variances = variance.Span;
        for (var i = 0; i < accs.Length; i++)
        {
            // An empty selection: NaN for both, as Reduce(Mean) and Reduce(Var) give.
            means[i] = T.CreateTruncating(accs[i].Count == 0 ? double.NaN : accs[i].Mean);
            variances[i] = T.CreateTruncating(VarianceStatistic.Finish(accs[i], 0));
        }
    }
}
