using System.Numerics;
using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Cpu.Reduction;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// argmin / argmax / nanargmin / nanargmax as chunk → combine tree → index, as dask's
/// arg_reduction: each block gives (best value, global index) per output position, combine
/// levels keep the better pair (ties: the smaller index), and the last step keeps the index.
/// </summary>
/// <remarks>
/// The chunk step scans the block on the host instead of calling the backend's ArgMin kernel:
/// the combine needs the winning value beside its index, and a nan-arg slice that is all NaN
/// in one block but not in another must be "nothing seen here", where the kernel raises.
/// </remarks>
internal static class ArgReductions
{
    public static ArrayNode Reduce<T>(ReductionKind kind, ArrayNode source, ReductionAxes axes, int splitEvery)
        where T : unmanaged, INumber<T>
    {
        var largest = kind is ReductionKind.ArgMax or ReductionKind.NanArgMax;
        var skipNaN = kind is ReductionKind.NanArgMin or ReductionKind.NanArgMax;
        var label = kind.ToString().ToLowerInvariant();
        var arrayShape = source.Grid.Shape.ToArray();
        var sourceGrid = source.Grid;
        ArrayNode level = new MapManyNode(TaskKeys.Name(label + "-chunk", source.Name, axes.Axes),
            axes.PartialGrid(sourceGrid, d => sourceGrid.BlockCounts[d]), DType.Int64, [source], sourceGrid, label + "-chunk",
            (_, blocks, index, shape, _) => Scan(HostBlock.Of<T>(blocks[0]), sourceGrid.BlockOffset(index), arrayShape, axes,
                shape.Aggregate(1, (a, b) => a * b), largest, skipNaN),
            consumesBlocks: true); // the scan keeps values, never the block: sources in memory are read in place

        var fanIn = axes.FanIn(splitEvery);
        while (axes.Axes.Any(a => level.Grid.BlockCounts[a] > 1))
        {
            level = new GroupNode(TaskKeys.Name(label + "-combine", level.Name, fanIn),
                axes.PartialGrid(level.Grid, d => (level.Grid.BlockCounts[d] + fanIn - 1) / fanIn), level, axes, fanIn,
                (_, parts, _) => ArgPartial<T>.Merge([.. parts.Select(p => (ArgPartial<T>)p!)], largest));
        }
        return new MapBlocksNode(TaskKeys.Name(label, level.Name), level.Grid, DType.Int64, level, label,
            (partial, shape) => Indexes((ArgPartial<T>)partial, shape, kind));
    }

    /// <summary>
    /// One block's partial: elements are visited in row-major order, so within a block the
    /// first occurrence is offered first; indexes are global (the block's offset added) and
    /// flattened row-major over the reduced axes of the whole array, as NumPy's. The block is
    /// read a row (its last axis) at a time, so a strided view of an array in memory (a column
    /// block) is read in place.
    /// </summary>
    private static ArgPartial<T> Scan<T>(CpuBuffer<T> block, long[] blockOffset, long[] arrayShape, ReductionAxes axes,
        int positions, bool largest, bool skipNaN) where T : unmanaged, INumber<T>
    {
        var partial = ArgPartial<T>.Empty(positions);
        var shape = block.Shape;
        var rank = shape.Count;
        if (block.Length == 0)
        {
            return partial;
        }
        var everyAxis = positions == 1 && Enumerable.Range(0, rank).All(axes.Contains);
        if (everyAxis && block.Strides is null && ArrayViews.IsContiguous(arrayShape, blockOffset, [.. shape], out var first))
        {
            // Every axis reduced and the block one window of the array: global index = first + i,
            // so the vector kernels find the value and its first index (ties and NaN as below).
            Offer(partial, block.Span, first, largest, skipNaN);
            return partial;
        }
        var reduced = Enumerable.Range(0, rank).Select(axes.Contains).ToArray();
        var arrayStrides = ArrayViews.RowMajorStrides(arrayShape);
        var index = new int[rank];
        var row = new BlockRows<T>(block);
        for (var r = 0; r < row.Count; r++)
        {
            var values = row.Get(r);
            if (everyAxis)
            {
                // A row of the block is a run of consecutive global indexes: found by the vector kernels.
                var rowStart = 0L;
                for (var d = 0; d < rank; d++)
                {
                    rowStart += (blockOffset[d] + index[d]) * arrayStrides[d];
                }
                Offer(partial, values, rowStart, largest, skipNaN);
            }
            else
            {
                ScanRow(partial, values, index, shape, blockOffset, arrayShape, reduced, largest, skipNaN);
            }
            for (var d = rank - 2; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }
        return partial;
    }

    private static void Offer<T>(ArgPartial<T> partial, ReadOnlySpan<T> values, long first, bool largest, bool skipNaN)
        where T : unmanaged, INumber<T>
    {
        if (ArgRuns.TryFind<T>(values, largest, skipNaN, out var best, out var at))
        {
            partial.Offer(0, best, first + at, largest);
        }
    }

    // One row (the last axis, index[rank - 1] running over it) offered element by element.
    private static void ScanRow<T>(ArgPartial<T> partial, ReadOnlySpan<T> values, int[] index, IReadOnlyList<int> shape,
        long[] blockOffset, long[] arrayShape, bool[] reduced, bool largest, bool skipNaN) where T : unmanaged, INumber<T>
    {
        var rank = shape.Count;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (skipNaN && T.IsNaN(value))
            {
                continue;
            }
            var position = 0;
            long global = 0;
            for (var d = 0; d < rank; d++)
            {
                var at = d == rank - 1 ? i : index[d];
                if (reduced[d])
                {
                    global = (global * arrayShape[d]) + blockOffset[d] + at;
                }
                else
                {
                    position = (position * shape[d]) + at;
                }
            }
            partial.Offer(position, value, global, largest);
        }
    }

    private static CpuBuffer<long> Indexes<T>(ArgPartial<T> partial, int[] shape, ReductionKind kind) where T : unmanaged, INumber<T>
    {
        if (Array.IndexOf(partial.Seen, false) is var missing and >= 0)
        {
            throw new ArgumentException(
                $"All-NaN slice encountered: {kind} found only NaN at output position {missing}, so it has no index " +
                "(NumPy raises ValueError here). Use ArgMin/ArgMax, which return the first NaN, or replace NaN first.");
        }
        return CpuBuffer.Wrap((long[])partial.Indexes.Clone(), shape);
    }
}
