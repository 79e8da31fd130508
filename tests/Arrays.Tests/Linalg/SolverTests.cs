namespace Tessera.Arrays.Tests.LinearAlgebra;

/// <summary>Cholesky, Solve, Inv, Lstsq and SvdCompressed against numpy.linalg, in double and float, on both executors.</summary>
public class SolverTests
{
    /// <summary>A symmetric positive-definite n × n matrix: M Mᵀ + n I.</summary>
    private static double[] Spd(int n, int seed)
    {
        var m = LinalgOracle.Values(n * n, seed);
        return [.. LinalgOracle.Multiply(m, LinalgOracle.Transpose(m, n, n), n, n, n).Select((v, i) => v + (i / n == i % n ? n : 0))];
    }

    private static float[] Floats(double[] values) => [.. values.Select(v => (float)v)];

    [Theory]
    [InlineData(7, 3, true)]
    [InlineData(12, 5, false)]
    [InlineData(4, 4, true)]
    public void Cholesky_MatchesNumPy(int n, long chunk, bool lower)
    {
        var values = Spd(n, n);
        var expression = lower ? "np.linalg.cholesky(a)" : "np.linalg.cholesky(a).T";
        var a = BlockedArray.FromArray(values, [n, n], [chunk, chunk]);
        var factor = Linalg.Cholesky(a, lower);
        Assert.Equal(a.Chunks, factor.Chunks);
        ArrayAssert.EqualNumPy(factor, expression, [NumPyInput.Of("a", values, n, n)], () => Linalg.Cholesky(BlockedArray.FromArray(values, [n, n], [chunk, chunk]), lower), 1e-12);
        ArrayAssert.EqualNumPy(Linalg.Cholesky(BlockedArray.FromArray(Floats(values), [n, n], [chunk, chunk]), lower), expression,
            [NumPyInput.Of("a", Floats(values), n, n)], relative: 1e-5);
    }

    [Fact]
    public void Cholesky_OfAnIndefiniteMatrix_FailsNamingTheProblem()
    {
        var a = BlockedArray.FromArray([1.0, 2, 2, 1], [2, 2], [1, 1]);
        var error = Assert.Throws<TaskFailedException>(() => Linalg.Cholesky(a).Compute());
        Assert.Contains("not symmetric positive definite", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("square 2-D", Assert.Throws<ArgumentException>(() => Linalg.Cholesky(BlockedArray.Zeros<double>([2, 3], [1, 1]))).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, 4, false)]
    [InlineData(9, 4, true)]
    [InlineData(5, 5, true)]
    public void Solve_MatchesNumPy(int n, long chunk, bool matrixRhs)
    {
        var a = LinalgOracle.Values(n * n, 3 * n).Select((v, i) => v + (i / n == i % n ? 2 : 0)).ToArray();
        long[] bShape = matrixRhs ? [n, 3] : [n];
        var b = LinalgOracle.Values(bShape.Aggregate(1L, (x, y) => x * y), 7);
        ChunkSpec bChunks = matrixRhs ? [chunk, 2] : [chunk];
        var x = Linalg.Solve(BlockedArray.FromArray(a, [n, n], [chunk, chunk]), BlockedArray.FromArray(b, bShape, bChunks));
        Assert.Equal(bShape, x.Shape);
        ArrayAssert.EqualNumPy(x, "np.linalg.solve(a, b)", [NumPyInput.Of("a", a, n, n), new NumPyInput("b", b, bShape)], relative: 1e-11);
        ArrayAssert.EqualNumPy(Linalg.Solve(BlockedArray.FromArray(Floats(a), [n, n], [chunk, chunk]), BlockedArray.FromArray(Floats(b), bShape, bChunks)),
            "np.linalg.solve(a, b)", [NumPyInput.Of("a", Floats(a), n, n), new NumPyInput("b", Floats(b), bShape)], relative: 1e-4);
    }

    [Fact]
    public void Inv_MatchesNumPy()
    {
        const int N = 11;
        var a = LinalgOracle.Values(N * N, 21).Select((v, i) => v + (i / N == i % N ? 3 : 0)).ToArray();
        var inverse = Linalg.Inv(BlockedArray.FromArray(a, [N, N], [4, 4]));
        Assert.Equal(new long[] { 4, 4, 3 }, inverse.Chunks.Chunks[0]);
        ArrayAssert.EqualNumPy(inverse, "np.linalg.inv(a)", [NumPyInput.Of("a", a, N, N)], relative: 1e-11);
        ArrayAssert.EqualNumPy(Linalg.Inv(BlockedArray.FromArray(Floats(a), [N, N], [4, 4])), "np.linalg.inv(a)",
            [NumPyInput.Of("a", Floats(a), N, N)], relative: 1e-4);
    }

    [Fact]
    public void SingularMatrix_FailsAtCompute()
    {
        var a = BlockedArray.FromArray([1.0, 2, 2, 4], [2, 2], [2, 2]);
        var error = Assert.Throws<TaskFailedException>(() => Linalg.Inv(a).Compute());
        Assert.Contains("singular", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Throws<TaskFailedException>(() => Linalg.Solve(a, BlockedArray.FromArray([1.0, 1], [2], [2])).Compute());
        Assert.Throws<ArgumentException>(() => Linalg.Solve(a, BlockedArray.FromArray([1.0, 1, 1], [3], [3])));
    }

    [Theory]
    [InlineData(40, 4, 10, false)]
    [InlineData(33, 5, 8, true)]
    public void Lstsq_MatchesNumPy(int m, int n, long chunk, bool matrixRhs)
    {
        var a = LinalgOracle.Values(m * n, m);
        long[] bShape = matrixRhs ? [m, 2] : [m];
        var b = LinalgOracle.Values(bShape.Aggregate(1L, (x, y) => x * y), m + 1);
        var inputs = new[] { NumPyInput.Of("a", a, m, n), new NumPyInput("b", b, bShape) };
        var result = Linalg.Lstsq(BlockedArray.FromArray(a, [m, n], [chunk, n]), BlockedArray.FromArray(b, bShape, matrixRhs ? [chunk, 2] : [chunk]));
        ArrayAssert.EqualNumPy(result.X, "np.linalg.lstsq(a, b, rcond=None)[0]", inputs, relative: 1e-10);
        ArrayAssert.EqualNumPy(result.Residuals, "np.linalg.lstsq(a, b, rcond=None)[1]", inputs, relative: 1e-10);
        ArrayAssert.EqualNumPy(result.S, "np.linalg.lstsq(a, b, rcond=None)[3]", inputs, relative: 1e-10);
        Assert.Equal(n, result.Rank.Compute());
        var floats = Linalg.Lstsq(BlockedArray.FromArray(Floats(a), [m, n], [chunk, n]), BlockedArray.FromArray(Floats(b), bShape, matrixRhs ? [chunk, 2] : [chunk]));
        ArrayAssert.EqualNumPy(floats.X, "np.linalg.lstsq(a, b, rcond=None)[0]",
            [NumPyInput.Of("a", Floats(a), m, n), new NumPyInput("b", Floats(b), bShape)], relative: 1e-4);
    }

    [Fact]
    public void Lstsq_RankDeficient_ReportsTheRank()
    {
        // Column 2 is column 0 + column 1: rank 2.
        var a = Enumerable.Range(0, 30).Select(i => i % 3 == 2 ? Math.Sin(i - 2) + Math.Cos(i - 1) : i % 3 == 0 ? Math.Sin(i) : Math.Cos(i)).ToArray();
        var result = Linalg.Lstsq(BlockedArray.FromArray(a, [10, 3], [4, 3]), BlockedArray.Ones<double>([10], [4]));
        Assert.Equal(LinalgOracle.NumPy("np.linalg.matrix_rank(a)", NumPyInput.Of("a", a, 10, 3)).Values[0], result.Rank.Compute());
    }

    [Fact]
    public void SvdCompressed_OfALowRankMatrix_RecoversNumPysTopSingularValues()
    {
        // A rank-3 matrix (60 × 12): the randomized range finder captures its range exactly.
        var left = LinalgOracle.Values(60 * 3, 1);
        var right = LinalgOracle.Values(3 * 12, 2);
        var a = LinalgOracle.Multiply(left, right, 60, 3, 12);
        var (u, s, vh) = Linalg.SvdCompressed(BlockedArray.FromArray(a, [60, 12], [15, 12]), k: 3, oversampling: 2, powerIterations: 1, seed: 7);
        Assert.Equal([60L, 3], u.Shape);
        Assert.Equal([3L, 12], vh.Shape);
        var expected = LinalgOracle.NumPy("np.linalg.svd(a, compute_uv=False)[:3]", NumPyInput.Of("a", a, 60, 12)).Values;
        foreach (var scheduler in LinalgOracle.Schedulers)
        {
            var sv = LinalgOracle.Compute(s, scheduler);
            LinalgOracle.Close(expected, sv, 1e-9, "S");
            var us = LinalgOracle.Compute(u, scheduler).Select((x, i) => x * sv[i % 3]).ToArray();
            LinalgOracle.Close(a, LinalgOracle.Multiply(us, LinalgOracle.Compute(vh, scheduler), 60, 3, 12), 1e-9, "U S Vh");
        }
    }
}
