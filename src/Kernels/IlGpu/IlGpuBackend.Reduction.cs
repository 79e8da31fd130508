using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu.Expressions;
using Tessera.Kernels.IlGpu.Reductions;

namespace Tessera.Kernels.IlGpu;

internal sealed partial class IlGpuBackend
{
    public void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0) =>
        Reduce(kind, prologue, inputs, axes, output, ddof, null);

    /// <summary>
    /// <see cref="Reduce(ReductionKind, Expr, IReadOnlyList{IDeviceBuffer}, ReadOnlySpan{int}, IDeviceBuffer, int)"/>
    /// with the launch <paramref name="schedule"/> given (null: chosen from the shape and device);
    /// tests force multi-slot splits through it.
    /// </summary>
    internal void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof, ReductionSchedule? schedule)
    {
        var (shape, axisSet, outputs, _) = BackendChecks.Reduction(kind, prologue, inputs, axes, output, ddof);
        var o = Own(output, nameof(output));
        var all = inputs.Select((b, i) => Own(b, $"inputs[{i}]")).ToArray();
        if (outputs == 0)
        {
            return;
        }
        (kind, prologue) = ReductionRewrites.Normalize(kind, prologue);
        var map = ReductionAxes.Create(shape, axisSet);
        var op = ReductionOps.For(kind, prologue.DType);
        using (var device = DeviceExprs.Build(prologue, all, shape))
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var plan = schedule?.Validate(Accelerator) ?? ReductionSchedule.Choose(Accelerator, map.Outputs, map.Reduced);
                ReductionEntry.Reduce(op, Accelerator, device, map, plan, o, ddof);
            }
        }
        if (kind is ReductionKind.NanArgMin or ReductionKind.NanArgMax && prologue.DType.IsFloatingPoint())
        {
            // The kernel marks an all-NaN slice with -1; only the host can turn that into NumPy's error.
            var indexes = new long[o.Length];
            CopyToHost<long>(o, indexes);
            if (Array.IndexOf(indexes, -1L) >= 0)
            {
                throw BackendChecks.AllNaNSlice();
            }
        }
    }

    /// <summary>
    /// Mean and population variance in one pass: the moments kernel keeps count, mean and M2 per
    /// output and writes both results from them. Float prologues into float outputs of the same or a
    /// wider type; anything else (integers, narrowing) takes the two-reduction default.
    /// </summary>
    public void ReduceMoments(Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes,
        IDeviceBuffer mean, IDeviceBuffer variance) => ReduceMoments(prologue, inputs, axes, mean, variance, null);

    /// <summary><see cref="ReduceMoments(Expr, IReadOnlyList{IDeviceBuffer}, ReadOnlySpan{int}, IDeviceBuffer, IDeviceBuffer)"/> with a given schedule.</summary>
    internal void ReduceMoments(Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes,
        IDeviceBuffer mean, IDeviceBuffer variance, ReductionSchedule? schedule)
    {
        ArgumentNullException.ThrowIfNull(prologue);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        var outputs = mean.DType;
        if (prologue.DType is not (DType.Float64 or DType.Float32) || outputs is not (DType.Float64 or DType.Float32)
            || variance.DType != outputs || (outputs == DType.Float32 && prologue.DType == DType.Float64))
        {
            MomentPasses.MeanThenVariance(this, prologue, inputs, axes, mean, variance);
            return;
        }
        // Outputs are checked as for a prologue of their own type: float32 values widen into float64 moments.
        var typed = prologue.DType == outputs ? prologue : Ex.Cast(prologue, outputs);
        var (shape, axisSet, count, _) = BackendChecks.Reduction(ReductionKind.Mean, typed, inputs, axes, mean, 0);
        BackendChecks.Reduction(ReductionKind.Var, typed, inputs, axes, variance, 0);
        var (m, v) = (Own(mean, nameof(mean)), Own(variance, nameof(variance)));
        var all = inputs.Select((b, i) => Own(b, $"inputs[{i}]")).ToArray();
        if (count == 0)
        {
            return;
        }
        var map = ReductionAxes.Create(shape, axisSet);
        using var device = DeviceExprs.Build(prologue, all, shape);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var plan = schedule?.Validate(Accelerator) ?? ReductionSchedule.Choose(Accelerator, map.Outputs, map.Reduced);
            ReductionEntry.Moments(Accelerator, device, map, plan, m, v);
        }
    }
}
