using Tessera.Kernels.Backends;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Block shapes on grids with unknown sizes: at lowering such a block's shape holds
/// <see cref="ChunkGrid.UnknownSize"/> on the unknown axes, and the task fills them in at run
/// time from the blocks it reads, which always carry their real shapes.
/// </summary>
internal static class UnknownBlockShapes
{
    public static bool HasUnknown(int[] shape) => Array.IndexOf(shape, (int)ChunkGrid.UnknownSize) >= 0;

    /// <summary>
    /// <paramref name="declared"/> with each unknown length taken from the operand blocks that are
    /// unknown on that axis (operands right-aligned, as in elementwise work). Operands must agree:
    /// arrays masked by different masks have blocks of different sizes, which is an error.
    /// </summary>
    public static int[] FromOperands(int[] declared, IReadOnlyList<ChunkGrid> operandGrids, IReadOnlyList<IDeviceBuffer> blocks,
        string operation)
    {
        var shape = (int[])declared.Clone();
        for (var d = 0; d < shape.Length; d++)
        {
            if (shape[d] != ChunkGrid.UnknownSize)
            {
                continue;
            }
            for (var i = 0; i < operandGrids.Count; i++)
            {
                var axis = d - (declared.Length - operandGrids[i].Rank);
                if (axis < 0 || operandGrids[i].IsKnown(axis))
                {
                    continue;
                }
                var length = blocks[i].Shape[axis];
                if (shape[d] != ChunkGrid.UnknownSize && shape[d] != length)
                {
                    throw new InvalidOperationException(
                        $"{operation}: blocks of unknown size do not line up at run time: on axis {d} one operand's block has " +
                        $"{shape[d]} elements and another's {length}. The arrays were masked differently; call ComputeChunkSizes() " +
                        "on each and rechunk them to the same chunks first.");
                }
                shape[d] = length;
            }
            if (shape[d] == ChunkGrid.UnknownSize)
            {
                throw new InvalidOperationException($"{operation}: no operand gives the length of unknown axis {d}.");
            }
        }
        return shape;
    }

    /// <summary><paramref name="declared"/> with its one unknown length making <paramref name="count"/> elements in all (a reshape's -1).</summary>
    public static int[] FromElementCount(int[] declared, long count, string operation)
    {
        var unknown = declared.Count(s => s == ChunkGrid.UnknownSize);
        if (unknown != 1)
        {
            throw new UnknownChunkSizesException(
                $"{operation}: a block has {unknown} axes of unknown size, and its shape cannot be told from its element count. " +
                ChunkGrid.ComputeChunkSizesHint);
        }
        var known = declared.Where(s => s != ChunkGrid.UnknownSize).Aggregate(1L, (a, b) => a * b);
        var shape = (int[])declared.Clone();
        shape[Array.IndexOf(shape, (int)ChunkGrid.UnknownSize)] = known == 0 ? 0 : checked((int)(count / known));
        return shape;
    }
}
