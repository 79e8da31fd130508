using MathNet.Numerics.LinearAlgebra;
using Tessera.Arrays.Lazy;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>
/// Layers computed by one dense routine over whole operands: every block of each operand is
/// read by the one task, which assembles them, and the result (one block) is rechunked to the
/// layout the caller asks for. For the square solvers, whose n × n matrices are small next to
/// the tall data TSQR handles; dask factors them blockwise instead (left for later).
/// </summary>
internal static class WholeMatrix
{
    /// <summary>Sources reading every block of each operand, operand after operand, in row-major block order.</summary>
    public static BlockSources AllBlocks(ArrayNode[] operands) =>
        _ => [.. operands.SelectMany((o, i) => o.Grid.BlockIndices().Select(b => (i, b)))];

    /// <summary>Operand <paramref name="operand"/>'s blocks (found in <paramref name="blocks"/> after the earlier operands') as one matrix; a 1-D operand is a column.</summary>
    public static Matrix<double> Assemble(ArrayNode[] operands, CpuBuffer[] blocks, int operand)
    {
        var first = operands.Take(operand).Sum(o => (int)o.Grid.BlockCount);
        var grid = operands[operand].Grid;
        var rows = (int)grid.Shape[0];
        var cols = grid.Rank > 1 ? (int)grid.Shape[1] : 1;
        var matrix = Matrix<double>.Build.Dense(rows, cols);
        var i = first;
        foreach (var index in grid.BlockIndices())
        {
            var offset = grid.BlockOffset(index);
            var block = blocks[i++];
            var values = DenseBlock.ToDoubles(block);
            var blockCols = grid.Rank > 1 ? block.Shape[1] : 1;
            for (var r = 0; r < block.Shape[0]; r++)
            {
                for (var c = 0; c < blockCols; c++)
                {
                    matrix[(int)offset[0] + r, (grid.Rank > 1 ? (int)offset[1] : 0) + c] = values[(r * blockCols) + c];
                }
            }
        }
        return matrix;
    }

    /// <summary>
    /// One block of <paramref name="shape"/> computed by <paramref name="compute"/> from the whole
    /// operands, then rechunked to <paramref name="chunks"/>.
    /// </summary>
    public static ArrayNode Build(string kind, ArrayNode[] operands, long[] shape, ChunkGrid chunks, object?[] parameters,
        Func<Matrix<double>[], Matrix<double>> compute)
    {
        var dtype = operands[0].DType;
        var single = new ChunkGrid([.. shape.Select(s => (IReadOnlyList<long>)[s])]);
        var node = new HostBlocksNode(HostBlocksNode.LayerName(kind, operands, parameters), single, dtype, operands, kind,
            AllBlocks(operands),
            (blocks, _, blockShape) =>
            {
                var inputs = operands.Select((_, i) => Assemble(operands, blocks, i)).ToArray();
                return DenseBlock.FromMatrix(compute(inputs), dtype, blockShape);
            });
        return Rechunk.To(node, chunks);
    }

    /// <summary>Throws unless <paramref name="a"/> is a square 2-D array of known shape.</summary>
    public static void RequireSquare(ArrayNode a, string operation)
    {
        if (a.Grid.Rank != 2 || a.Grid.Shape[0] != a.Grid.Shape[1])
        {
            throw new ArgumentException(
                $"{operation} needs a square 2-D array; got shape {BlockShapes.Text(a.Grid.Shape)}. " +
                (a.Grid.Rank == 2 ? "For a rectangular system use Linalg.Lstsq." : "Pass an (n, n) matrix."));
        }
        a.Grid.RequireKnown(operation);
        if (a.Grid.Shape[0] == 0)
        {
            throw new ArgumentException($"{operation} needs a non-empty matrix; got shape (0, 0).");
        }
    }
}
