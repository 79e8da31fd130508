using System.Numerics.Tensors;
using Tessera.Arrays.Lazy;
using Tessera.Arrays.Overlap;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// dask's <c>map_overlap</c>: every block is extended by <paramref name="depth"/> elements of
    /// its neighbours on each side of each axis (beyond the array's edges as
    /// <paramref name="boundary"/> says), <paramref name="function"/> runs on the extended block
    /// (and must return its shape), and with <paramref name="trim"/> the halo is cut off again, so
    /// the result has this array's chunks. Use it for stencils and filters.
    /// </summary>
    /// <param name="depth">Halo width per axis (0 for none).</param>
    /// <param name="boundary">The rule beyond the array's edges.</param>
    /// <param name="function">Maps an extended block to a tensor of the same shape; may run on several threads at once.</param>
    /// <param name="trim">Cut the halo off the function's result (dask's default); false keeps the extended blocks.</param>
    /// <param name="name">A name for the function so equal calls share one layer; by default the delegate's identity.</param>
    /// <remarks>
    /// A block shorter than the depth cannot supply a whole halo: as dask does, such axes are
    /// rechunked first (small blocks merged with their neighbours), and the result has those
    /// chunks. A depth longer than the whole axis is an error for "reflect" and "periodic".
    /// </remarks>
    public BlockedArray<TElement> MapOverlap(int[] depth, OverlapBoundary boundary, Func<Tensor<TElement>, Tensor<TElement>> function,
        bool trim = true, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(depth);
        ArgumentNullException.ThrowIfNull(boundary);
        ArgumentNullException.ThrowIfNull(function);
        if (depth.Length != Rank)
        {
            throw new ArgumentException(
                $"depth has {depth.Length} entries; the array has {Rank} axes. Give one halo width per axis, e.g. depth: [{string.Join(", ", Enumerable.Repeat(1, Rank))}].",
                nameof(depth));
        }
        for (var d = 0; d < Rank; d++)
        {
            if (depth[d] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(depth), depth[d], $"depth[{d}] is {depth[d]}; halo widths are 0 or more.");
            }
            if (depth[d] > Shape[d] && boundary.Kind is OverlapBoundaryKind.Reflect or OverlapBoundaryKind.Periodic)
            {
                throw new ArgumentException(
                    $"depth[{d}] = {depth[d]} exceeds axis {d}'s length {Shape[d]}; a {boundary} boundary needs depth <= the axis length.",
                    nameof(depth));
            }
        }
        var source = Lazy.Rechunk.To(Node, new ChunkGrid([.. Chunks.Chunks.Select((c, d) => HaloSegments.AtLeast(c, depth[d]))]));
        var grid = OverlapNode<TElement>.OutputGrid(source.Grid, depth, boundary.Kind, trim);
        var identity = name ?? (object)System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(function);
        var layer = TaskKeys.Name("overlap", identity, depth, boundary.ToString(), trim, source.Name);
        return new(new OverlapNode<TElement>(layer, grid, source, [.. depth], boundary, trim, function));
    }

    /// <summary>As <see cref="MapOverlap(int[], OverlapBoundary, Func{Tensor{TElement}, Tensor{TElement}}, bool, string?)"/> with the same depth on every axis.</summary>
    public BlockedArray<TElement> MapOverlap(int depth, OverlapBoundary boundary, Func<Tensor<TElement>, Tensor<TElement>> function,
        bool trim = true, string? name = null) =>
        MapOverlap([.. Enumerable.Repeat(depth, Rank)], boundary, function, trim, name);
}
