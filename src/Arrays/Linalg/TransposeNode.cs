using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.Linalg;

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
            context.Graph.Add(BlockKey(index), "transpose", blocks =>
            {
                var output = CpuBuffer.Allocate(DType, shape);
                Permute((IDeviceBuffer)blocks[0]!, output, permutation);
                return Residency.ToBackend(backend, output);
            }, TaskArg.Ref(_source.BlockKey(sourceIndex)));
        }
    }

    private static void Permute(IDeviceBuffer source, IDeviceBuffer target, int[] permutation) =>
        HostPair.Run(source, target, new Permutation(permutation), "Transposing");

    private readonly struct Permutation(int[] permutation) : IHostPairAction
    {
        public void Run<T>(CpuBuffer<T> source, CpuBuffer<T> target) => Permute(source, target, permutation);
    }

    /// <summary>Walks the output in order, reading the source through permuted strides.</summary>
    private static void Permute<T>(CpuBuffer<T> source, CpuBuffer<T> target, int[] permutation)
    {
        var rank = permutation.Length;
        var sourceStrides = new long[rank];
        long stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            sourceStrides[d] = stride;
            stride *= source.Shape[d];
        }
        var strides = permutation.Select(p => sourceStrides[p]).ToArray();
        var from = source.Span;
        var to = target.Span;
        var index = new int[rank];
        long offset = 0;
        for (var i = 0; i < to.Length; i++)
        {
            to[i] = from[(int)offset];
            for (var d = rank - 1; d >= 0; d--)
            {
                offset += strides[d];
                if (++index[d] < target.Shape[d])
                {
                    break;
                }
                offset -= strides[d] * index[d];
                index[d] = 0;
            }
        }
    }
}
