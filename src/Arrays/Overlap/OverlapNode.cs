using System.Numerics.Tensors;
using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.Overlap;

/// <summary>
/// dask's map_overlap as one layer: per block, halo tasks cut the needed slab (depth wide) out
/// of each neighbouring block, the block task glues block and slabs into the extended block,
/// applies the user function and trims the halo off again. Memory stays bounded: a block task
/// holds its block, a few thin slabs and one extended block, never whole neighbours.
/// </summary>
/// <remarks>The source grid has blocks at least as long as the depth (the caller rechunks), so each halo comes from one neighbour.</remarks>
internal sealed class OverlapNode<T>(string name, ChunkGrid grid, ArrayNode source, int[] depth, OverlapBoundary boundary,
    bool trim, Func<Tensor<T>, Tensor<T>> function) : ArrayNode(name, grid, source.DType)
    where T : unmanaged
{
    public override IReadOnlyList<ArrayNode> Inputs => [source];

    /// <summary>The output chunks: the source's, or with trim off, each block grown by its halos.</summary>
    public static ChunkGrid OutputGrid(ChunkGrid source, int[] depth, OverlapBoundaryKind boundary, bool trim) => trim
        ? source
        : new ChunkGrid([.. source.Chunks.Select((chunks, d) => chunks.Select((_, b) =>
            (long)HaloSegments.Of(chunks, b, depth[d], boundary).Sum(s => s.Length)).ToArray())]);

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var sourceGrid = source.Grid;
        var rank = sourceGrid.Rank;
        var slabLayer = TaskKeys.Name("overlap-halo", Name);
        var fill = Fill(boundary.Value);
        foreach (var index in sourceGrid.BlockIndices())
        {
            var segments = Enumerable.Range(0, rank)
                .Select(d => HaloSegments.Of(sourceGrid.Chunks[d], index[d], depth[d], boundary.Kind)).ToArray();
            var extended = segments.Select(s => s.Sum(p => p.Length)).ToArray();
            var core = segments.Select(s => s.TakeWhile(p => !p.IsCore).Sum(p => p.Length)).ToArray();
            var coreShape = BlockShapes.ToInt(sourceGrid.BlockShape(index));
            var args = new List<TaskArg>();
            var placements = new List<long[]>();
            foreach (var combo in BlockBox.Of(new int[rank], [.. segments.Select(s => s.Length)]))
            {
                var pieces = combo.Select((c, d) => segments[d][c]).ToArray();
                if (pieces.Any(p => p.SourceBlock < 0))
                {
                    continue; // constant halo: the extended block starts filled with the constant
                }
                placements.Add([.. combo.Select((c, d) => (long)segments[d].Take(c).Sum(p => p.Length))]);
                var from = pieces.Select(p => p.SourceBlock).ToArray();
                if (pieces.All(p => p.IsCore))
                {
                    args.Add(TaskArg.Ref(source.BlockKey(from)));
                    continue;
                }
                var slabKey = TaskKeys.Block(slabLayer, [.. index, .. combo]);
                var indexes = pieces.Select(p => p.Indexes).ToArray();
                context.Graph.Add(slabKey, "overlap-halo", blocks => Gather(HostBlock.Of<T>((IDeviceBuffer)blocks[0]!), indexes),
                    TaskArg.Ref(source.BlockKey(from)));
                args.Add(TaskArg.Ref(slabKey));
            }
            var blockIndex = index;
            context.Graph.Add(BlockKey(index), "overlap", blocks =>
            {
                var values = new T[extended.Aggregate(1L, (a, b) => a * b)];
                if (boundary.Kind == OverlapBoundaryKind.Constant)
                {
                    values.AsSpan().Fill(fill);
                }
                var whole = CpuBuffer.Wrap(values, extended);
                for (var i = 0; i < blocks.Length; i++)
                {
                    BlockCopy.Region(HostBlock.Of<T>((IDeviceBuffer)blocks[i]!), placements[i], whole, new long[rank]);
                }
                var result = Apply(whole, blockIndex);
                if (!trim)
                {
                    return BlockedArray.OnDevice(backend, result);
                }
                var trimmed = CpuBuffer.Wrap(new T[coreShape.Aggregate(1L, (a, b) => a * b)], coreShape);
                BlockCopy.Region(result, [.. core.Select(c => (long)-c)], trimmed, new long[rank]);
                return BlockedArray.OnDevice(backend, trimmed);
            }, [.. args]);
        }
    }

    /// <summary>The constant as T, truncated toward zero for integers as NumPy casts <c>constant_values</c>.</summary>
    private static T Fill(double value) => default(T) switch
    {
        float => (T)(object)(float)value,
        double => (T)(object)value,
        int => (T)(object)(int)value,
        long => (T)(object)(long)value,
        bool => (T)(object)(value != 0),
        _ => throw new NotSupportedException($"MapOverlap does not support {typeof(T).Name} elements; use float, double, int, long or bool."),
    };

    private CpuBuffer<T> Apply(CpuBuffer<T> extended, int[] index)
    {
        var shape = extended.Shape.ToArray();
        var input = Tensor.Create(extended.Array, shape.Length == 0 ? [1] : [.. shape.Select(s => (nint)s)]);
        var result = function(input) ?? throw new InvalidOperationException(
            $"The MapOverlap function returned null for block [{string.Join(", ", index)}]; return a tensor of its input's shape.");
        var lengths = result.Lengths.ToArray();
        if (!lengths.Select(l => (int)l).SequenceEqual(shape))
        {
            throw new InvalidOperationException(
                $"The MapOverlap function returned a tensor of shape ({string.Join(", ", lengths)}) for block " +
                $"[{string.Join(", ", index)}], whose extended (halo included) shape is ({string.Join(", ", shape)}). " +
                "The function must keep its input's shape, so the halo can be trimmed off.");
        }
        var values = new T[result.FlattenedLength];
        result.FlattenTo(values);
        return CpuBuffer.Wrap(values, [.. shape]);
    }

    /// <summary>The slab of <paramref name="block"/> at the given local positions per axis (an outer product of index lists).</summary>
    private static CpuBuffer<T> Gather(CpuBuffer<T> block, int[][] indexes)
    {
        var rank = indexes.Length;
        var shape = indexes.Select(i => i.Length).ToArray();
        var values = new T[shape.Aggregate(1L, (a, b) => a * b)];
        var from = block.Span;
        var position = new int[rank];
        for (var i = 0; i < values.Length; i++)
        {
            var source = 0;
            for (var d = 0; d < rank; d++)
            {
                source = (source * block.Shape[d]) + indexes[d][position[d]];
            }
            values[i] = from[source];
            for (var d = rank - 1; d >= 0 && ++position[d] == shape[d]; d--)
            {
                position[d] = 0;
            }
        }
        return CpuBuffer.Wrap(values, shape);
    }
}
