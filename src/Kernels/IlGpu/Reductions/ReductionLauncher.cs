using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using Tessera.Kernels.IlGpu.Expressions;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// Launches the kernels of one reduction: stage 1 alone when each output has one slot (or the
/// rows kernel), else stage 1 into a partials buffer and stage 2 into the sink, on the accelerator's
/// default stream (in order). Kernels are compiled once per type combination and accelerator.
/// </summary>
internal static class ReductionLauncher
{
    /// <summary>Runs the reduction of <paramref name="prologue"/> into <paramref name="sink"/>, then waits for it.</summary>
    public static void Run<T, TAcc, TOp, TExpr, TSink>(Accelerator accelerator, TExpr prologue, ReductionAxes axes,
        ReductionSchedule schedule, TSink sink)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : struct, IAccumulateOp<T, TAcc>
        where TExpr : struct, IDeviceExpr<T>
        where TSink : struct, IReductionSink<TAcc>
    {
        var geometry = Geometry(axes, schedule);
        var slots = geometry.Slots;
        var group = schedule.GroupSize;
        var maxGroups = schedule.MaxGroups;
        using var table = accelerator.Allocate1D(axes.Table);
        if (schedule.Rows)
        {
            var grid = Math.Min((axes.Outputs + group - 1) / group, maxGroups);
            Kernels<T, TAcc, TOp, TExpr, TSink>.Rows(accelerator)(new KernelConfig(grid, group), prologue, table.View, geometry, sink);
        }
        else if (slots == 1)
        {
            var config = new KernelConfig(Math.Min(axes.Outputs, maxGroups), group, SharedMemoryConfig.RequestDynamic<TAcc>(group));
            Kernels<T, TAcc, TOp, TExpr, TSink>.Stage1(accelerator)(config, prologue, table.View, geometry, sink);
        }
        else
        {
            using var partials = accelerator.Allocate1D<TAcc>((long)axes.Outputs * slots);
            var shared = SharedMemoryConfig.RequestDynamic<TAcc>(group);
            var first = new KernelConfig((int)Math.Min((long)axes.Outputs * slots, maxGroups), group, shared);
            Kernels<T, TAcc, TOp, TExpr, PartialSink<TAcc>>.Stage1(accelerator)(first, prologue, table.View, geometry,
                new PartialSink<TAcc> { Partials = partials.View });
            var second = new KernelConfig(Math.Min(axes.Outputs, maxGroups), group, shared);
            Kernels<T, TAcc, TOp, TExpr, TSink>.Stage2(accelerator)(second, partials.View, geometry, sink);
            // The temporaries are freed on leaving: the kernels must be done with them.
            accelerator.Synchronize();
            return;
        }
        accelerator.Synchronize();
    }

    /// <summary>
    /// The kernels' geometry of a reduction: <see cref="ReductionSchedule.Slots"/> slots of equal
    /// chunks (rounded up; slots the rounding leaves empty are dropped), one slot in rows mode.
    /// </summary>
    public static ReductionGeometry Geometry(ReductionAxes axes, ReductionSchedule schedule)
    {
        var slots = schedule.Rows ? 1 : Math.Max(1, Math.Min(schedule.Slots, Math.Max(axes.Reduced, 1)));
        var chunk = Math.Max(1, (axes.Reduced + slots - 1) / slots);
        slots = Math.Max(1, (axes.Reduced + chunk - 1) / chunk);
        return new ReductionGeometry
        {
            Outputs = axes.Outputs,
            Reduced = axes.Reduced,
            Slots = slots,
            Chunk = chunk,
            KeptAxes = axes.KeptAxes,
            ReducedAxes = axes.ReducedAxes,
        };
    }

    // One cache per type combination: the compiled launchers of each accelerator.
    private static class Kernels<T, TAcc, TOp, TExpr, TSink>
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : struct, IAccumulateOp<T, TAcc>
        where TExpr : struct, IDeviceExpr<T>
        where TSink : struct, IReductionSink<TAcc>
    {
        private static readonly ConcurrentDictionary<Accelerator, Action<KernelConfig, TExpr, ArrayView<int>, ReductionGeometry, TSink>> Stage1s = new();
        private static readonly ConcurrentDictionary<Accelerator, Action<KernelConfig, ArrayView<TAcc>, ReductionGeometry, TSink>> Stage2s = new();
        private static readonly ConcurrentDictionary<Accelerator, Action<KernelConfig, TExpr, ArrayView<int>, ReductionGeometry, TSink>> RowKernels = new();

        public static Action<KernelConfig, TExpr, ArrayView<int>, ReductionGeometry, TSink> Stage1(Accelerator a) =>
            Stage1s.GetOrAdd(a, x => IlGpuRuntime.Compiling(() => x.LoadStreamKernel<TExpr, ArrayView<int>, ReductionGeometry, TSink>(
                ReductionKernels.Stage1<T, TAcc, TOp, TExpr, TSink>)));

        public static Action<KernelConfig, ArrayView<TAcc>, ReductionGeometry, TSink> Stage2(Accelerator a) =>
            Stage2s.GetOrAdd(a, x => IlGpuRuntime.Compiling(() => x.LoadStreamKernel<ArrayView<TAcc>, ReductionGeometry, TSink>(
                ReductionKernels.Stage2<TAcc, TOp, TSink>)));

        public static Action<KernelConfig, TExpr, ArrayView<int>, ReductionGeometry, TSink> Rows(Accelerator a) =>
            RowKernels.GetOrAdd(a, x => IlGpuRuntime.Compiling(() => x.LoadStreamKernel<TExpr, ArrayView<int>, ReductionGeometry, TSink>(
                ReductionKernels.Rows<T, TAcc, TOp, TExpr, TSink>)));
    }
}
