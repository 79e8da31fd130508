using ILGPU;
using Tessera.Kernels.IlGpu.Expressions;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// The reduction kernels, generic over the element type, the partial, the op, the prologue and the
/// sink, so ILGPU specialises one kernel per combination. Every combination order is fixed by the
/// launch geometry alone (never by timing or atomics), so a reduction gives the same bits every run
/// on a given device:
/// <list type="bullet">
/// <item><see cref="Stage1"/>: group w of the work items (output o = w / slots, slot s = w % slots)
/// folds reduced elements [s × chunk, (s + 1) × chunk) of output o: thread t takes elements
/// t, t + G, t + 2G… in increasing order, then a tree merges thread t with t + stride for stride
/// G/2, G/4 … 1 (shared memory across warps, shuffles within the first).</item>
/// <item><see cref="Stage2"/>: group o folds output o's partials the same way (thread t takes slots
/// t, t + G … in order, then the same tree) and finishes it.</item>
/// <item><see cref="Rows"/>: one thread per output folds all its elements in index order (short reductions).</item>
/// </list>
/// </summary>
internal static class ReductionKernels
{
    /// <summary>Stage 1 (and the only stage when slots is 1): one group per work item, grid-strided.</summary>
    public static void Stage1<T, TAcc, TOp, TExpr, TSink>(TExpr prologue, ArrayView<int> axes, ReductionGeometry g, TSink sink)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : struct, IAccumulateOp<T, TAcc>
        where TExpr : struct, IDeviceExpr<T>
        where TSink : struct, IReductionSink<TAcc>
    {
        var shared = SharedMemory.GetDynamic<TAcc>();
        var t = Group.IdxX;
        var size = Group.DimX;
        var items = g.Outputs * g.Slots;
        // The loop bound depends on the group only, so every thread reaches each barrier.
        for (var w = Grid.IdxX; w < items; w += Grid.DimX)
        {
            var o = w / g.Slots;
            var start = (w - (o * g.Slots)) * g.Chunk;
            var end = Math.Min(start + g.Chunk, g.Reduced);
            var origin = Offset(axes, 0, g.KeptAxes, o);
            var acc = TOp.Empty();
            for (var r = start + t; r < end; r += size)
            {
                acc = TOp.Add(acc, prologue.Eval(origin + Offset(axes, 2 * g.KeptAxes, g.ReducedAxes, r)), r);
            }
            var total = Tree<TAcc, TOp>(shared, acc, t, size);
            if (t == 0)
            {
                sink.Write(w, total);
            }
        }
    }

    /// <summary>Stage 2: one group per output merges its slots in index order and finishes it.</summary>
    public static void Stage2<TAcc, TOp, TSink>(ArrayView<TAcc> partials, ReductionGeometry g, TSink sink)
        where TAcc : unmanaged
        where TOp : struct, IMergeOp<TAcc>
        where TSink : struct, IReductionSink<TAcc>
    {
        var shared = SharedMemory.GetDynamic<TAcc>();
        var t = Group.IdxX;
        var size = Group.DimX;
        for (var o = Grid.IdxX; o < g.Outputs; o += Grid.DimX)
        {
            var acc = TOp.Empty();
            for (var s = t; s < g.Slots; s += size)
            {
                acc = TOp.Merge(acc, partials[(o * g.Slots) + s]);
            }
            var total = Tree<TAcc, TOp>(shared, acc, t, size);
            if (t == 0)
            {
                sink.Write(o, total);
            }
        }
    }

    /// <summary>One thread per output, all of its elements in index order: for reductions too short to share.</summary>
    public static void Rows<T, TAcc, TOp, TExpr, TSink>(TExpr prologue, ArrayView<int> axes, ReductionGeometry g, TSink sink)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : struct, IAccumulateOp<T, TAcc>
        where TExpr : struct, IDeviceExpr<T>
        where TSink : struct, IReductionSink<TAcc>
    {
        for (var o = (Grid.IdxX * Group.DimX) + Group.IdxX; o < g.Outputs; o += Grid.DimX * Group.DimX)
        {
            var origin = Offset(axes, 0, g.KeptAxes, o);
            var acc = TOp.Empty();
            for (var r = 0; r < g.Reduced; r++)
            {
                acc = TOp.Add(acc, prologue.Eval(origin + Offset(axes, 2 * g.KeptAxes, g.ReducedAxes, r)), r);
            }
            sink.Write(o, acc);
        }
    }

    // Halving merges (thread t absorbs t + stride, the group size a power of two and a multiple of
    // the warp): through shared memory while the stride spans warps, then by shuffles within the
    // first warp (no barrier; lane t reads lane t + stride). The pairing is the same at every level
    // either way, so the order is fixed. Thread 0 returns the group's partial.
    private static TAcc Tree<TAcc, TOp>(ArrayView<TAcc> shared, TAcc acc, int t, int size)
        where TAcc : unmanaged
        where TOp : struct, IMergeOp<TAcc>
    {
        var warp = Warp.WarpSize;
        if (size > warp)
        {
            shared[t] = acc;
            Group.Barrier();
            for (var stride = size / 2; stride >= warp; stride /= 2)
            {
                if (t < stride)
                {
                    shared[t] = TOp.Merge(shared[t], shared[t + stride]);
                }
                Group.Barrier();
            }
            acc = shared[t];
            // Nobody may overwrite shared memory (next work item) before the first warp has read it.
            Group.Barrier();
        }
        for (var stride = Math.Min(size, warp) / 2; stride > 0; stride /= 2)
        {
            // Every lane shuffles (lanes past the live ones merge garbage that lane 0 never reads).
            acc = TOp.Merge(acc, Warp.ShuffleDown(acc, stride));
        }
        return acc;
    }

    // The flat index contribution of a row-major index over the given axes ((extent, stride) pairs from start).
    private static int Offset(ArrayView<int> axes, int start, int count, int flat)
    {
        var offset = 0;
        for (var k = count - 1; k >= 0; k--)
        {
            var extent = axes[start + (2 * k)];
            var next = flat / extent;
            offset += (flat - (next * extent)) * axes[start + (2 * k) + 1];
            flat = next;
        }
        return offset;
    }
}

/// <summary>The shape of one reduction launch, a kernel argument.</summary>
internal struct ReductionGeometry
{
    /// <summary>Output elements.</summary>
    public int Outputs;

    /// <summary>Elements folded into each output.</summary>
    public int Reduced;

    /// <summary>Partials per output (stage-1 slots); 1 means stage 1 finishes the outputs.</summary>
    public int Slots;

    /// <summary>Reduced elements per slot (the last slot may hold fewer).</summary>
    public int Chunk;

    /// <summary>Kept (merged) axes in the axis table.</summary>
    public int KeptAxes;

    /// <summary>Reduced (merged) axes in the axis table, after the kept ones.</summary>
    public int ReducedAxes;
}
