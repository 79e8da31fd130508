using System.Numerics;
using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>
/// dask's <c>unique</c> in two layers: every block of a 1-D array becomes its own sorted distinct
/// values (a block of unknown size), then one task merges those runs. The result is one block
/// whose size is known only when computed.
/// </summary>
internal static class UniqueNodes
{
    public static ArrayNode Of<T>(ArrayNode flat) where T : unmanaged, INumber<T>
    {
        var partial = new DistinctPerBlockNode<T>(flat);
        return new MergeDistinctNode<T>(partial);
    }

    /// <summary>The sorted distinct values of one block (NaN last, once, as NumPy 1.21+ keeps one NaN).</summary>
    private static T[] Distinct<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
    {
        var sorted = values.ToArray();
        // NumPy sorts NaN last; Array.Sort puts it first for floats, so order by a NaN-last comparison.
        Array.Sort(sorted, static (a, b) => T.IsNaN(a) ? (T.IsNaN(b) ? 0 : 1) : T.IsNaN(b) ? -1 : a.CompareTo(b));
        var count = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var v = sorted[i];
            if (count > 0 && (v == sorted[count - 1] || (T.IsNaN(v) && T.IsNaN(sorted[count - 1]))))
            {
                continue;
            }
            sorted[count++] = v;
        }
        return sorted[..count];
    }

    private static IDeviceBuffer Block<T>(IComputeBackend backend, T[] values) where T : unmanaged =>
        BlockedArray.OnDevice(backend, CpuBuffer.Wrap(values, [values.Length]));

    private sealed class DistinctPerBlockNode<T>(ArrayNode source)
        : ArrayNode(TaskKeys.Name("unique-block", source.Name), ChunkGrid.WithUnknownAxes(source.Grid, 0), source.DType)
        where T : unmanaged, INumber<T>
    {
        public override IReadOnlyList<ArrayNode> Inputs => [source];

        public override void Lower(LoweringContext context)
        {
            var backend = context.Backend;
            foreach (var index in Grid.BlockIndices())
            {
                context.Graph.Add(BlockKey(index), "unique-block",
                    blocks => Block(backend, Distinct<T>(HostBlock.Of<T>((IDeviceBuffer)blocks[0]!).Span)),
                    TaskArg.Ref(source.BlockKey(index)));
            }
        }
    }

    private sealed class MergeDistinctNode<T>(ArrayNode partials)
        : ArrayNode(TaskKeys.Name("unique", partials.Name), new ChunkGrid([[ChunkGrid.UnknownSize]]), partials.DType)
        where T : unmanaged, INumber<T>
    {
        public override IReadOnlyList<ArrayNode> Inputs => [partials];

        public override void Lower(LoweringContext context)
        {
            var backend = context.Backend;
            var inputs = partials.Grid.BlockIndices().Select(i => TaskArg.Ref(partials.BlockKey(i))).ToArray();
            context.Graph.Add(BlockKey([0]), "unique", blocks =>
            {
                var all = new List<T>();
                foreach (var block in blocks)
                {
                    all.AddRange(HostBlock.Of<T>((IDeviceBuffer)block!).Span);
                }
                return Block(backend, Distinct<T>(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all)));
            }, inputs);
        }
    }
}
