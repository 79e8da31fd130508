using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Storage;

/// <summary>
/// Lowers several arrays into ONE graph (shared layers once) and adds a store task per block
/// that hands the block to its sink and returns nothing, so each block is released as soon as
/// it is written: memory holds the blocks in flight, never a whole array.
/// </summary>
internal static class BlockStores
{
    public static void Run<T>(IReadOnlyList<ArrayNode> nodes, IReadOnlyList<IBlockSink<T>> sinks, ComputeOptions? options)
        where T : unmanaged
    {
        if (nodes.Count != sinks.Count)
        {
            throw new ArgumentException($"{nodes.Count} arrays and {sinks.Count} sinks were given; give one sink per array.", nameof(sinks));
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(sinks[i], $"sinks[{i}]");
            if (!sinks[i].Shape.SequenceEqual(nodes[i].Grid.Shape))
            {
                throw new ArgumentException(
                    $"Array {i} has shape {BlockShapes.Text(nodes[i].Grid.Shape)} but its sink has shape {BlockShapes.Text(sinks[i].Shape)}; " +
                    "a sink must have the array's shape.", nameof(sinks));
            }
        }
        var context = new LoweringContext(ComputeBackends.For(options?.Device));
        var stores = new List<string>();
        var shared = ReadByOthers(nodes);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var sink = sinks[i];
            var layer = TaskKeys.Name("store", i, node.Name);
            if (node is ElementwiseNode elementwise && !shared.Contains(node.Name) && ElementwiseStore.Applies<T>(context, node))
            {
                // Its blocks are computed by the store tasks themselves, into borrowed memory or band by band.
                ElementwiseStore.Lower(context, elementwise, sink, layer, stores);
                continue;
            }
            context.Lower(node);
            foreach (var index in node.Grid.BlockIndices())
            {
                var offset = node.Grid.BlockOffset(index);
                var shape = node.Grid.BlockShape(index);
                var key = TaskKeys.Block(layer, index);
                context.Graph.Add(key, "store", blocks =>
                {
                    sink.Write(offset, shape, HostBlock.Of<T>((IDeviceBuffer)blocks[0]!).Span);
                    return null;
                }, TaskArg.Ref(node.BlockKey(index)));
                stores.Add(key);
            }
        }
        GraphRunner.Run(context.Graph, stores, options);
    }

    /// <summary>Names of the layers that another stored array reads (or that are stored twice): their blocks must be tasks of their own.</summary>
    private static HashSet<string> ReadByOthers(IReadOnlyList<ArrayNode> nodes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!seen.Add(node.Name))
            {
                shared.Add(node.Name);
            }
            foreach (var input in node.Inputs)
            {
                LayerOrder.InputsFirst(input, n => n.Name, n => n.Inputs, shared, _ => { });
            }
        }
        return shared;
    }
}
