using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>
/// A layer whose blocks gather positions of the source's blocks, axis by axis (slices, flips,
/// takes, broadcasts). The gather runs at a working rank: the source's axes, with
/// <c>newAxes</c> leading length-1 axes added for broadcasting; axes not <c>kept</c> (integer
/// indices) are dropped from the result by viewing each block under its final shape.
/// Each output block depends only on the source blocks it takes elements from.
/// </summary>
internal sealed class GatherNode : ArrayNode
{
    private readonly ArrayNode _source;
    private readonly int _newAxes;
    private readonly AxisGather[] _axes;
    private readonly bool[] _kept;
    private readonly string _kind;

    public GatherNode(string name, string kind, ArrayNode source, int newAxes, AxisGather[] axes, bool[] kept)
        : base(name, new ChunkGrid([.. axes.Where((_, d) => kept[d]).Select(a => a.BlockLengths)]), source.DType)
    {
        if (axes.Where((_, d) => !kept[d]).Any(a => a.BlockLengths is not [1]))
        {
            throw new ArgumentException("Only axes of one block of length 1 can be dropped.", nameof(kept));
        }
        _source = source;
        _newAxes = newAxes;
        _axes = axes;
        _kept = kept;
        _kind = kind;
    }

    public override IReadOnlyList<ArrayNode> Inputs => [_source];

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var rank = _axes.Length;
        foreach (var index in Odometer([.. _axes.Select(a => a.BlockLengths.Length)]))
        {
            var segments = _axes.Select((a, d) => a.Segments[index[d]]).ToArray();
            var combos = Odometer([.. segments.Select(s => s.Length)]).ToArray();
            var args = new TaskArg[combos.Length];
            var picks = new AxisPositions[combos.Length][];
            var places = new AxisPositions[combos.Length][];
            var sourceShapes = new int[combos.Length][];
            for (var c = 0; c < combos.Length; c++)
            {
                var chosen = combos[c].Select((s, d) => segments[d][s]).ToArray();
                var sourceIndex = chosen.Skip(_newAxes).Select(s => s.SourceBlock).ToArray();
                args[c] = TaskArg.Ref(_source.BlockKey(sourceIndex));
                picks[c] = [.. chosen.Select(s => s.Picks)];
                places[c] = [.. chosen.Select(s => s.Places)];
                sourceShapes[c] = [.. Enumerable.Repeat(1, _newAxes), .. BlockShapes.ToInt(_source.Grid.BlockShape(sourceIndex))];
            }
            var workShape = BlockShapes.ToInt([.. _axes.Select((a, d) => a.BlockLengths[index[d]])]);
            var keptIndex = index.Where((_, d) => _kept[d]).ToArray();
            var finalShape = BlockShapes.ToInt(Grid.BlockShape(keptIndex));
            var reshapeSources = _newAxes > 0;
            var reshapeOutput = finalShape.Length != rank;
            var dtype = DType;
            // A block taken whole and in order (inner blocks of a slice) is reused, not copied.
            var whole = combos.Length == 1 && !reshapeSources
                && picks[0].Select((p, d) => p.IsRun && p[0] == 0 && p.Count == sourceShapes[0][d]).All(x => x);
            context.Graph.Add(BlockKey(keptIndex), _kind, blocks =>
            {
                if (whole)
                {
                    var block = (IDeviceBuffer)blocks[0]!;
                    return reshapeOutput ? HostBlocks.Reshape(block, finalShape) : block;
                }
                // Device blocks are gathered on the device; host blocks on the host, as before.
                var copier = Residency.CopierFor(backend, blocks);
                var output = copier.Allocate(dtype, workShape);
                for (var c = 0; c < blocks.Length; c++)
                {
                    var block = (IDeviceBuffer)blocks[c]!;
                    var source = Residency.ToBackend(copier, block);
                    var shaped = reshapeSources ? copier.Reshape(source, sourceShapes[c]) : source;
                    copier.Gather(shaped, picks[c], output, places[c]);
                    Residency.Release(copier, shaped, source);
                    Residency.Release(copier, source, block);
                }
                if (reshapeOutput)
                {
                    var final = copier.Reshape(output, finalShape);
                    Residency.Release(copier, output, final);
                    output = final;
                }
                return Residency.ToBackend(backend, output);
            }, args);
        }
    }

    /// <summary>Every index below <paramref name="counts"/>, row-major (nothing when a count is 0).</summary>
    private static IEnumerable<int[]> Odometer(int[] counts)
    {
        if (counts.Any(c => c == 0))
        {
            yield break;
        }
        var index = new int[counts.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            var d = counts.Length - 1;
            for (; d >= 0 && ++index[d] == counts[d]; d--)
            {
                index[d] = 0;
            }
            if (d < 0)
            {
                yield break;
            }
        }
    }
}
