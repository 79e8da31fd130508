using MathNet.Numerics.LinearAlgebra;
using Tessera.Arrays.LinearAlgebra;

namespace Tessera.Arrays;

/// <summary>The reduced QR factors of an array: <c>A = Q · R</c>, Q with orthonormal columns, R upper triangular.</summary>
/// <param name="Q">m × min(m, n), chunked along rows as the input.</param>
/// <param name="R">min(m, n) × n, one block.</param>
public sealed record QrResult<T>(BlockedArray<T> Q, BlockedArray<T> R) where T : unmanaged;

/// <summary>The reduced singular value decomposition of an array: <c>A = U · diag(S) · Vh</c>, S descending.</summary>
/// <param name="U">m × k with orthonormal columns (k = min(m, n), or the requested rank).</param>
/// <param name="S">The k singular values, largest first.</param>
/// <param name="Vh">k × n with orthonormal rows (NumPy's <c>vh</c>; dask calls it <c>v</c>).</param>
public sealed record SvdResult<T>(BlockedArray<T> U, BlockedArray<T> S, BlockedArray<T> Vh) where T : unmanaged;

/// <summary>
/// Linear algebra on blocked arrays, as <c>dask.array.linalg</c>: factorizations of tall-and-skinny
/// arrays by TSQR, square solvers, least squares and norms. float and double arrays; float
/// blocks are factorized in double and rounded back.
/// </summary>
public static partial class Linalg
{
    /// <summary>
    /// The reduced QR decomposition of a tall-and-skinny 2-D array (one chunk along axis 1), by
    /// TSQR as dask's <c>linalg.qr</c>: a QR per row block, one QR of the stacked R factors, then
    /// each Q block is its block's Q times its rows of the second Q. Signs of Q's columns and R's
    /// rows may differ from NumPy's (both are valid factorizations).
    /// </summary>
    /// <exception cref="ArgumentException">Not 2-D, or more than one chunk along axis 1.</exception>
    public static QrResult<T> Qr<T>(BlockedArray<T> a) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        DenseBlock.RequireFloat<T>("Qr");
        var (q, r) = Tsqr.Build(a.Node, "Qr");
        return new(new(q), new(r));
    }

    /// <summary>
    /// The reduced singular value decomposition of a tall-and-skinny array (one chunk along axis 1)
    /// by TSQR, as dask's <c>linalg.svd</c>: A = QR, then the small R = U_r S Vh gives U = Q U_r.
    /// A short-and-fat array with one chunk along axis 0 is decomposed through its transpose.
    /// Columns of U and rows of Vh may differ from NumPy's in sign.
    /// </summary>
    /// <exception cref="ArgumentException">Not 2-D, or chunked along both axes (rechunk one of them to -1).</exception>
    public static SvdResult<T> Svd<T>(BlockedArray<T> a) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        DenseBlock.RequireFloat<T>("Svd");
        if (a.Rank == 2 && a.Chunks.BlockCounts[1] != 1 && a.Chunks.BlockCounts[0] == 1)
        {
            var flipped = Svd(a.T);
            return new(flipped.Vh.T, flipped.S, flipped.U.T);
        }
        if (a.Rank == 2 && a.Chunks.BlockCounts[1] != 1)
        {
            throw new ArgumentException(
                $"Svd needs one chunk along axis 1 (tall-and-skinny) or along axis 0 (short-and-fat); got chunks {a.Chunks}. " +
                "Call x.Rechunk(new Dictionary<int, long> { [1] = -1 }) for a tall array.", nameof(a));
        }
        var (q, r) = Tsqr.Build(a.Node, "Svd");
        var small = SmallSvd(r);
        var k = (int)r.Grid.Shape[0];
        var n = (int)r.Grid.Shape[1];
        var dtype = a.DType;
        var u = new HostBlocksNode(HostBlocksNode.LayerName("svd-u", [q, small]), q.Grid, dtype, [q, small], "svd-u",
            index => [(0, index), (1, [0, 0])],
            (input, _, shape) => shape[0] == 0 || k == 0
                ? DenseBlock.FromDoubles(new double[shape[0] * shape[1]], dtype, shape)
                : DenseBlock.FromMatrix(DenseBlock.ToMatrix(input[0]) * DenseBlock.ToMatrix(input[1], 0, k, k), dtype, shape));
        var s = new HostBlocksNode(HostBlocksNode.LayerName("svd-s", [small]), new ChunkGrid([[k]]), dtype, [small], "svd-s",
            _ => [(0, [0, 0])],
            (input, _, shape) => DenseBlock.FromDoubles([.. DenseBlock.ToDoubles(input[0]).Skip(k * n).Take(k)], dtype, shape));
        var vh = new HostBlocksNode(HostBlocksNode.LayerName("svd-vh", [small]), new ChunkGrid([[k], [n]]), dtype, [small], "svd-vh",
            _ => [(0, [0, 0])],
            (input, _, shape) => DenseBlock.FromMatrix(DenseBlock.ToMatrix(input[0], k + 1, k, n), dtype, shape));
        return new(new(u), new(s), new(vh));
    }

    /// <summary>The SVD of the small R factor packed in one block: U_r (k rows, padded to n columns), then S as one row, then Vh (k × n).</summary>
    private static HostBlocksNode SmallSvd(Lazy.ArrayNode r)
    {
        var k = (int)r.Grid.Shape[0];
        var n = (int)r.Grid.Shape[1];
        var dtype = r.DType;
        return new HostBlocksNode(HostBlocksNode.LayerName("svd-small", [r]), new ChunkGrid([[k + 1 + k], [n]]), dtype, [r], "svd-small",
            _ => [(0, [0, 0])],
            (input, _, shape) =>
            {
                if (k == 0)
                {
                    return DenseBlock.FromDoubles(new double[shape[0] * shape[1]], dtype, shape);
                }
                var (ur, sr, vh) = SmallDense.Svd(DenseBlock.ToMatrix(input[0]));
                var values = new double[shape[0] * shape[1]];
                for (var i = 0; i < k; i++)
                {
                    for (var j = 0; j < k; j++)
                    {
                        values[(i * n) + j] = ur[i, j];
                    }
                    values[(k * n) + i] = sr[i];
                    for (var j = 0; j < n; j++)
                    {
                        values[((k + 1 + i) * n) + j] = vh[i, j];
                    }
                }
                return DenseBlock.FromDoubles(values, dtype, shape);
            });
    }

    /// <summary>
    /// A randomized rank-<paramref name="k"/> SVD (Halko, Martinsson and Tropp), as dask's
    /// <c>linalg.svd_compressed</c>: Y = A Ω for a seeded Gaussian Ω with k + <paramref name="oversampling"/>
    /// columns, <paramref name="powerIterations"/> rounds of Y = A (Aᵀ Y) for spectra that decay
    /// slowly, Q from the TSQR of Y, then the small SVD of Qᵀ A. Exact for arrays of rank ≤ k;
    /// otherwise an approximation of the k largest singular triplets. A needs one chunk along axis 1.
    /// </summary>
    public static SvdResult<T> SvdCompressed<T>(BlockedArray<T> a, int k, int oversampling = 10, int powerIterations = 0, long seed = 0)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        DenseBlock.RequireFloat<T>("SvdCompressed");
        Tsqr.RequireTallAndSkinny(a.Node, "SvdCompressed");
        var n = a.Shape[1];
        if (k < 1 || k > Math.Min(a.Shape[0], n))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k,
                $"SvdCompressed needs 1 ≤ k ≤ min(m, n) = {Math.Min(a.Shape[0], n)} for an array of shape ({a.Shape[0]}, {n}).");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(oversampling);
        ArgumentOutOfRangeException.ThrowIfNegative(powerIterations);
        var width = (int)Math.Min(k + oversampling, n);
        var omega = BlockedArray.Random(seed).Normal<double>([n, width], [-1, -1]).Astype<T>();
        var y = BlockedArray.MatMul(a, omega);
        for (var i = 0; i < powerIterations; i++)
        {
            // Re-orthonormalize between products, as dask does, so round-off does not swamp small directions.
            y = BlockedArray.MatMul(a, BlockedArray.MatMul(a.T, Qr(y).Q));
        }
        var q = Qr(y).Q;
        var b = BlockedArray.MatMul(q.T, a).Rechunk([-1, -1]); // width × n: small, one block
        var (ub, s, vh) = Svd(b);
        var u = BlockedArray.MatMul(q, ub);
        return new(u.Slice(1, 0, k), s.Slice(0, 0, k), vh.Slice(0, 0, k));
    }
}
