using MathNet.Numerics.LinearAlgebra;
using Tessera.Arrays.Lazy;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>
/// Tall-and-skinny QR as dask's <c>tsqr</c> (Benson, Gleich and Demmel's direct TSQR): a QR of
/// every row block (A_i = Q1_i R1_i), one QR of the stacked R1 factors ([R1_0; R1_1; …] = Q2 R),
/// then Q_i = Q1_i · (the rows of Q2 that multiplied R1_i). Every block is read once; the only
/// task that sees more than one block holds the small R factors (Σ min(m_i, n) × n values).
/// </summary>
/// <remarks>
/// A task returns one buffer, so each QR task packs its Q above its R in one block (columns
/// zero-padded to n); the layers that need only one of them slice it. dask recurses when the
/// stacked R factors would not fit one block; here they always go to one task, which is fine
/// while (row blocks × n × n) values fit memory (1000 blocks of a 100-column array: 80 MB).
/// </remarks>
internal static class Tsqr
{
    /// <summary>The Q (the input's row chunks × min(m, n)) and R (min(m, n) × n, one block) layers of <paramref name="a"/>.</summary>
    public static (ArrayNode Q, ArrayNode R) Build(ArrayNode a, string operation)
    {
        RequireTallAndSkinny(a, operation);
        var rows = a.Grid.Chunks[0].Select(r => (int)r).ToArray();
        var n = (int)a.Grid.Shape[1];
        var ranks = rows.Select(r => Math.Min(r, n)).ToArray(); // rows of each block's R1
        var offsets = new int[rows.Length + 1];
        for (var i = 0; i < rows.Length; i++)
        {
            offsets[i + 1] = offsets[i] + ranks[i];
        }
        var stacked = offsets[^1];
        var rank = Math.Min(stacked, n);
        var dtype = a.DType;

        // Level 1: Q1_i above R1_i, per row block.
        var blocks = new HostBlocksNode(HostBlocksNode.LayerName("tsqr-block-qr", [a]),
            new ChunkGrid([[.. rows.Select((r, i) => (long)(r + ranks[i]))], [n]]), dtype, [a], "tsqr-block-qr",
            index => [(0, index)],
            (input, _, shape) =>
            {
                if (input[0].Shape[0] == 0)
                {
                    return DenseBlock.FromDoubles([], dtype, shape);
                }
                var (q, r) = SmallDense.Qr(DenseBlock.ToMatrix(input[0]));
                return DenseBlock.Pack(q, r, n, dtype);
            });

        // Level 2: Q2 above R, from every R1 stacked.
        var top = new HostBlocksNode(HostBlocksNode.LayerName("tsqr-stacked-qr", [blocks]),
            new ChunkGrid([[stacked + rank], [n]]), dtype, [blocks], "tsqr-stacked-qr",
            _ => [.. Enumerable.Range(0, rows.Length).Select(i => (0, new[] { i, 0 }))],
            (input, _, _) =>
            {
                var r1 = Matrix<double>.Build.Dense(stacked, n);
                for (var i = 0; i < input.Length; i++)
                {
                    if (ranks[i] > 0)
                    {
                        r1.SetSubMatrix(offsets[i], 0, DenseBlock.ToMatrix(input[i], rows[i], ranks[i], n));
                    }
                }
                var (q2, r) = SmallDense.Qr(r1);
                return DenseBlock.Pack(q2, r, n, dtype);
            });

        var rNode = new HostBlocksNode(HostBlocksNode.LayerName("tsqr-r", [top]), new ChunkGrid([[rank], [n]]), dtype, [top], "tsqr-r",
            index => [(0, index)],
            (input, _, _) => DenseBlock.FromMatrix(DenseBlock.ToMatrix(input[0], stacked, rank, n), dtype, [rank, n]));

        var qNode = new HostBlocksNode(HostBlocksNode.LayerName("tsqr-q", [blocks, top]),
            new ChunkGrid([[.. rows.Select(r => (long)r)], [rank]]), dtype, [blocks, top], "tsqr-q",
            index => [(0, index), (1, [0, 0])],
            (input, index, shape) =>
            {
                var i = index[0];
                if (rows[i] == 0 || rank == 0)
                {
                    return DenseBlock.FromDoubles(new double[shape[0] * shape[1]], dtype, shape);
                }
                var q1 = DenseBlock.ToMatrix(input[0], 0, rows[i], ranks[i]);
                var q2 = DenseBlock.ToMatrix(input[1], offsets[i], ranks[i], rank);
                return DenseBlock.FromMatrix(q1 * q2, dtype, shape);
            });
        return (qNode, rNode);
    }

    /// <summary>TSQR needs a 2-D array of known chunks with one block along axis 1.</summary>
    public static void RequireTallAndSkinny(ArrayNode a, string operation)
    {
        if (a.Grid.Rank != 2)
        {
            throw new ArgumentException(
                $"{operation} takes a 2-D array; this one has shape {BlockShapes.Text(a.Grid.Shape)}. " +
                "Reshape it to (rows, columns) first.");
        }
        a.Grid.RequireKnown(operation);
        if (a.Grid.BlockCounts[1] != 1)
        {
            throw new ArgumentException(
                $"{operation} needs one chunk along axis 1 (tall-and-skinny QR, as dask's tsqr); got chunks {a.Grid}. " +
                "Call x.Rechunk(new Dictionary<int, long> { [1] = -1 }) first.");
        }
        if (a.Grid.Shape[1] == 0)
        {
            throw new ArgumentException($"{operation} needs at least one column; the array has shape {BlockShapes.Text(a.Grid.Shape)}.");
        }
    }
}
