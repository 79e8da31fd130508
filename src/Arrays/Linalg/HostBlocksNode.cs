using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>Which blocks of which operands one output block reads: (operand, block index) pairs, in the order the function gets them.</summary>
internal delegate (int Operand, int[] Block)[] BlockSources(int[] index);

/// <summary>Makes one output block, in host memory, from host copies of the blocks its <see cref="BlockSources"/> named.</summary>
internal delegate CpuBuffer HostBlockFunction(CpuBuffer[] blocks, int[] index, int[] shape);

/// <summary>
/// A layer whose every block is a host routine of any blocks of its operands: the small dense
/// factorizations of TSQR (one block from all the R factors), FFTs along whole axes, and the
/// single-block solvers. Unlike map_blocks it does not unify its operands' grids, since its
/// blocks are laid out differently from theirs (a stack of R factors, a packed Q and R).
/// </summary>
internal sealed class HostBlocksNode(string name, ChunkGrid grid, DType dtype, ArrayNode[] operands, string kind,
    BlockSources sources, HostBlockFunction function)
    : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => operands;

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        foreach (var index in Grid.BlockIndices())
        {
            var reads = sources(index);
            var args = reads.Select(r => TaskArg.Ref(operands[r.Operand].BlockKey(r.Block))).ToArray();
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            context.Graph.Add(BlockKey(index), kind, blocks =>
            {
                var host = new CpuBuffer[blocks.Length];
                for (var i = 0; i < host.Length; i++)
                {
                    host[i] = (CpuBuffer)Residency.ToHost((IDeviceBuffer)blocks[i]!);
                }
                var result = function(host, index, shape);
                if (result.DType != DType || !result.Shape.SequenceEqual(shape))
                {
                    throw new InvalidOperationException(
                        $"{kind} made block [{string.Join(", ", index)}] of '{Name}' as {result.DType}[{string.Join(", ", result.Shape)}]; " +
                        $"its grid declares {DType}[{string.Join(", ", shape)}]. This is a bug in {kind}.");
                }
                return OnDevice(backend, result);
            }, args);
        }
    }

    private static IDeviceBuffer OnDevice(IComputeBackend backend, CpuBuffer block) => block switch
    {
        CpuBuffer<float> f => BlockedArray.OnDevice(backend, f),
        CpuBuffer<double> d => BlockedArray.OnDevice(backend, d),
        CpuBuffer<long> l => BlockedArray.OnDevice(backend, l),
        CpuBuffer<int> i => BlockedArray.OnDevice(backend, i),
        _ => BlockedArray.OnDevice(backend, (CpuBuffer<bool>)block),
    };

    /// <summary>A deterministic layer name from the kind, the parameters that shape the result, and the operands' names.</summary>
    public static string LayerName(string kind, ArrayNode[] operands, params object?[] parameters) =>
        TaskKeys.Name(kind, [.. parameters, .. operands.Select(o => o.Name)]);
}
