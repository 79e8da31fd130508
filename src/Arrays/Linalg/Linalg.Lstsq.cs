using MathNet.Numerics.LinearAlgebra;
using Tessera.Arrays.Lazy;
using Tessera.Arrays.LinearAlgebra;

namespace Tessera.Arrays;

/// <summary>What <see cref="Linalg.Lstsq{T}"/> returns, as dask's <c>linalg.lstsq</c>.</summary>
/// <param name="X">The least-squares solution: (n,) for a vector b, (n, k) for a matrix.</param>
/// <param name="Residuals">Σ (b − A x)² per column of b: (1,) for a vector b, (k,) for a matrix (dask always computes them; NumPy leaves them empty when A is rank-deficient or not tall).</param>
/// <param name="Rank">A's numerical rank (NumPy's matrix_rank of R).</param>
/// <param name="S">A's singular values, largest first (those of R).</param>
public sealed record LstsqResult<T>(BlockedArray<T> X, BlockedArray<T> Residuals, BlockedScalar<long> Rank, BlockedArray<T> S)
    where T : unmanaged;

public static partial class Linalg
{
    /// <summary>
    /// The least-squares solution of A x ≈ b for a tall-and-skinny A (one chunk along axis 1), by
    /// TSQR as dask's <c>linalg.lstsq</c>: A = QR, then x solves the triangular R x = Qᵀ b. Qᵀ b is
    /// a blockwise product summed over A's row blocks, so A is read once and never assembled.
    /// </summary>
    /// <exception cref="ArgumentException">A is not 2-D with one column chunk, or b's length is not A's row count.</exception>
    public static LstsqResult<T> Lstsq<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        DenseBlock.RequireFloat<T>("Lstsq");
        Tsqr.RequireTallAndSkinny(a.Node, "Lstsq");
        if (b.Rank is not (1 or 2) || b.Shape[0] != a.Shape[0])
        {
            throw new ArgumentException(
                $"Lstsq: b has shape {BlockShapes.Text(b.Shape)}; A has shape {BlockShapes.Text(a.Shape)}, so b must be ({a.Shape[0]},) or ({a.Shape[0]}, k).",
                nameof(b));
        }
        var (q, r) = Qr(a);
        var n = (int)a.Shape[1];
        var k = (int)r.Shape[0];
        if (k < n)
        {
            throw new ArgumentException(
                $"Lstsq by TSQR needs at least as many rows as columns; A has shape {BlockShapes.Text(a.Shape)}. " +
                "An underdetermined system has no unique least-squares solution this way.", nameof(a));
        }
        var qtb = BlockedArray.MatMul(q.T, b).Rechunk(b.Rank == 1 ? [-1] : [-1, -1]);
        var bCols = b.Rank == 1 ? 1 : (int)b.Shape[1];
        long[] xShape = b.Rank == 1 ? [n] : [n, bCols];
        var x = new BlockedArray<T>(new HostBlocksNode(HostBlocksNode.LayerName("lstsq-solve", [r.Node, qtb.Node]),
            new ChunkGrid([.. xShape.Select(s => (IReadOnlyList<long>)[s])]), a.DType, [r.Node, qtb.Node], "lstsq-solve",
            _ => [(0, [0, 0]), (1, b.Rank == 1 ? [0] : [0, 0])],
            (input, _, shape) =>
            {
                var upper = DenseBlock.ToMatrix(input[0]);
                var values = DenseBlock.ToDoubles(input[1]);
                var rhs = Matrix<double>.Build.Dense(n, bCols, (i, j) => values[(i * bCols) + j]);
                return DenseBlock.FromMatrix(SmallDense.SolveUpper(upper, rhs), a.DType, shape);
            }));
        var difference = b - BlockedArray.MatMul(a, x);
        var residuals = (difference * difference).Sum(0, keepDims: b.Rank == 1);
        var singular = Svd(r).S;
        var rank = new BlockedArray<long>(new HostBlocksNode(HostBlocksNode.LayerName("lstsq-rank", [singular.Node]),
            new ChunkGrid([]), DType.Int64, [singular.Node], "lstsq-rank",
            _ => [(0, [0])],
            (input, _, shape) =>
            {
                var s = DenseBlock.ToDoubles(input[0]);
                var tolerance = s.DefaultIfEmpty(0).Max() * Math.Max(k, n) * (input[0].DType == DType.Float32 ? 1.1920929e-07 : MachineEpsilon);
                return Kernels.Cpu.CpuBuffer.Wrap([(long)s.Count(v => v > tolerance)], shape);
            }));
        return new(x, residuals, new BlockedScalar<long>(rank), singular);
    }
}
