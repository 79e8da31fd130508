using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>Axes permuted: output block b is source block permuted back, its elements moved by strides.</summary>
internal sealed class TransposeNode : ArrayNode
{
    private readonly ArrayNode _source;
    private readonly int[] _permutation;

    private TransposeNode(ArrayNode source, int[] permutation)
        : base(TaskKeys.Name("transpose", source.Name, permutation),
            new ChunkGrid([.. permutation.Select(p => source.Grid.Chunks[p])]), source.DType)
    {
        _source = source;
        _permutation = permutation;
    }

    public static ArrayNode Of(ArrayNode source, int[]? permutation)
    {
        var rank = source.Grid.Rank;
        source.Grid.RequireKnown("Transpose");
        var perm = permutation ?? [.. Enumerable.Range(0, rank).Reverse()];
        if (perm.Length != rank || perm.Order().Where((p, i) => p != i).Any())
        {
            throw new ArgumentException(
                $"[{string.Join(", ", perm)}] is not a permutation of the {rank} axes; list each of 0..{rank - 1} once.");
        }
        return perm.Select((p, i) => p == i).All(x => x) ? source : new TransposeNode(source, perm);
    }

    public override IReadOnlyList<ArrayNode> Inputs => [_source];

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        foreach (var index in Grid.BlockIndices())
        {
            var sourceIndex = new int[index.Length];
            for (var d = 0; d < index.Length; d++)
            {
                sourceIndex[_permutation[d]] = index[d];
            }
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            var permutation = _permutation;
            var dtype = DType;
            context.Graph.Add(BlockKey(index), "transpose", blocks =>
            {
                // A device block is permuted on the device, never via the host.
                var copier = Residency.CopierFor(backend, blocks);
                var output = copier.Allocate(dtype, shape);
                var block = (IDeviceBuffer)blocks[0]!;
                var source = Residency.ToBackend(copier, block);
                copier.Permute(source, output, permutation);
                Residency.Release(copier, source, block);
                return Residency.ToBackend(backend, output);
            }, TaskArg.Ref(_source.BlockKey(sourceIndex)));
        }
    }
}
