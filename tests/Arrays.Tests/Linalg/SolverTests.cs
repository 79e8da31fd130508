namespace Tessera.Arrays.Tests.LinearAlgebra;

/// <summary>Cholesky, Solve, Inv, Lstsq and SvdCompressed against numpy.linalg, in double and float, on both executors.</summary>
public class SolverTests
{
    /// <summary>A symmetric positive-definite n × n matrix: M Mᵀ + n I.</summary>
    private static double[] Spd(int n)
    {
        var m = LinalgOracle.Values(n * n, n);
        return [.. LinalgOracle.Multiply(m, LinalgOracle.Transpose(m, n, n), n, n, n).Select((v, i) => v + (i / n == i % n ? n : 0))];
    }

    /// <summary>A well-conditioned n × n matrix: values in [-1, 1) plus <paramref name="shift"/> on the diagonal.</summary>
    private static double[] Diagonal(int n, int seed, double shift) => [.. LinalgOracle.Values(n * n, seed).Select((v, i) => v + (i / n == i % n ? shift : 0))];

    private static long[] RhsShape(int n, bool matrix) => matrix ? [n, 3] : [n];

    private static double[] Rhs(int n, bool matrix) => LinalgOracle.Values(RhsShape(n, matrix).Aggregate(1L, (x, y) => x * y), 7 + n);

    private static float[] Floats(double[] values) => [.. values.Select(v => (float)v)];

    private static readonly (int M, int N, long Chunk, bool Matrix)[] LstsqCases = [(40, 4, 10, false), (33, 5, 8, true)];

    private static long[] LstsqRhsShape(int m, bool matrix) => matrix ? [m, 2] : [m];

    private static double[] LstsqA(int m, int n) => LinalgOracle.Values(m * n, m);

    private static double[] LstsqB(int m, bool matrix) => LinalgOracle.Values(LstsqRhsShape(m, matrix).Aggregate(1L, (x, y) => x * y), m + 1);

    private static readonly double[] Deficient =
        [.. Enumerable.Range(0, 30).Select(i => i % 3 == 2 ? Math.Sin(i - 2) + Math.Cos(i - 1) : i % 3 == 0 ? Math.Sin(i) : Math.Cos(i))];

    private static readonly double[] LowRank = LinalgOracle.Multiply(LinalgOracle.Values(60 * 3, 1), LinalgOracle.Values(3 * 12, 2), 60, 3, 12);

    /// <summary>Every NumPy answer of this class from one python3 run; inputs are named by case.</summary>
    private static readonly Lazy<NumPyBatch> Batch = new(() =>
    {
        var inputs = new List<NumPyInput>();
        var expressions = new List<string>();
        foreach (var n in new[] { 7, 12, 4 })
        {
            inputs.Add(NumPyInput.Of($"spd{n}", Spd(n), n, n));
            inputs.Add(NumPyInput.Of($"spdf{n}", Floats(Spd(n)), n, n));
            expressions.AddRange([$"np.linalg.cholesky(spd{n})", $"np.linalg.cholesky(spd{n}).T", $"np.linalg.cholesky(spdf{n})", $"np.linalg.cholesky(spdf{n}).T"]);
        }
        foreach (var n in new[] { 9, 5 })
        {
            inputs.Add(NumPyInput.Of($"sq{n}", Diagonal(n, 3 * n, 2), n, n));
            inputs.Add(NumPyInput.Of($"sqf{n}", Floats(Diagonal(n, 3 * n, 2)), n, n));
            foreach (var matrix in new[] { false, true })
            {
                var b = matrix ? "m" : "v";
                inputs.Add(new NumPyInput($"b{b}{n}", Rhs(n, matrix), RhsShape(n, matrix)));
                inputs.Add(new NumPyInput($"bf{b}{n}", Floats(Rhs(n, matrix)), RhsShape(n, matrix)));
                expressions.AddRange([$"np.linalg.solve(sq{n}, b{b}{n})", $"np.linalg.solve(sqf{n}, bf{b}{n})"]);
            }
        }
        inputs.Add(NumPyInput.Of("inv", Diagonal(11, 21, 3), 11, 11));
        inputs.Add(NumPyInput.Of("invf", Floats(Diagonal(11, 21, 3)), 11, 11));
        expressions.AddRange(["np.linalg.inv(inv)", "np.linalg.inv(invf)"]);
        foreach (var (m, n, _, matrix) in LstsqCases)
        {
            inputs.Add(NumPyInput.Of($"la{m}", LstsqA(m, n), m, n));
            inputs.Add(new NumPyInput($"lb{m}", LstsqB(m, matrix), LstsqRhsShape(m, matrix)));
            inputs.Add(NumPyInput.Of($"laf{m}", Floats(LstsqA(m, n)), m, n));
            inputs.Add(new NumPyInput($"lbf{m}", Floats(LstsqB(m, matrix)), LstsqRhsShape(m, matrix)));
            expressions.AddRange([.. Enumerable.Range(0, 4).Select(i => $"np.linalg.lstsq(la{m}, lb{m}, rcond=None)[{i}]"), $"np.linalg.lstsq(laf{m}, lbf{m}, rcond=None)[0]"]);
        }
        inputs.Add(NumPyInput.Of("deficient", Deficient, 10, 3));
        inputs.Add(NumPyInput.Of("lowrank", LowRank, 60, 12));
        expressions.AddRange(["np.linalg.matrix_rank(deficient)", "np.linalg.svd(lowrank, compute_uv=False)[:3]"]);
        return new NumPyBatch(inputs, expressions);
    });

    [Theory]
    [InlineData(7, 3, true)]
    [InlineData(12, 5, false)]
    [InlineData(4, 4, true)]
    public void Cholesky_MatchesNumPy(int n, long chunk, bool lower)
    {
        var transpose = lower ? "" : ".T";
        BlockedArray<double> Build() => Linalg.Cholesky(BlockedArray.FromArray(Spd(n), [n, n], [chunk, chunk]), lower);
        var factor = Build();
        Assert.Equal(BlockedArray.FromArray(Spd(n), [n, n], [chunk, chunk]).Chunks, factor.Chunks);
        Batch.Value.AssertEqual(factor, $"np.linalg.cholesky(spd{n}){transpose}", 1e-12);
        ArrayAssert.AssertDeterministicKeys(factor, Build);
        Batch.Value.AssertEqual(Linalg.Cholesky(BlockedArray.FromArray(Floats(Spd(n)), [n, n], [chunk, chunk]), lower),
            $"np.linalg.cholesky(spdf{n}){transpose}", 1e-5);
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
        var a = Diagonal(n, 3 * n, 2);
        var b = Rhs(n, matrixRhs);
        var bShape = RhsShape(n, matrixRhs);
        ChunkSpec bChunks = matrixRhs ? [chunk, 2] : [chunk];
        var name = matrixRhs ? "m" : "v";
        var x = Linalg.Solve(BlockedArray.FromArray(a, [n, n], [chunk, chunk]), BlockedArray.FromArray(b, bShape, bChunks));
        Assert.Equal(BlockedArray.FromArray(b, bShape, bChunks).Chunks, x.Chunks);
        Batch.Value.AssertEqual(x, $"np.linalg.solve(sq{n}, b{name}{n})", 1e-11);
        Batch.Value.AssertEqual(Linalg.Solve(BlockedArray.FromArray(Floats(a), [n, n], [chunk, chunk]), BlockedArray.FromArray(Floats(b), bShape, bChunks)),
            $"np.linalg.solve(sqf{n}, bf{name}{n})", 1e-4);
    }

    [Fact]
    public void Inv_MatchesNumPy()
    {
        const int N = 11;
        var a = Diagonal(N, 21, 3);
        var inverse = Linalg.Inv(BlockedArray.FromArray(a, [N, N], [4, 4]));
        Assert.Equal(new long[] { 4, 4, 3 }, inverse.Chunks.Chunks[0]);
        Batch.Value.AssertEqual(inverse, "np.linalg.inv(inv)", 1e-11);
        Batch.Value.AssertEqual(Linalg.Inv(BlockedArray.FromArray(Floats(a), [N, N], [4, 4])), "np.linalg.inv(invf)", 1e-4);
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
    [InlineData(0)]
    [InlineData(1)]
    public void Lstsq_MatchesNumPy(int c)
    {
        var (m, n, chunk, matrix) = LstsqCases[c];
        var bShape = LstsqRhsShape(m, matrix);
        ChunkSpec bChunks = matrix ? [chunk, 2] : [chunk];
        var result = Linalg.Lstsq(BlockedArray.FromArray(LstsqA(m, n), [m, n], [chunk, n]), BlockedArray.FromArray(LstsqB(m, matrix), bShape, bChunks));
        Batch.Value.AssertEqual(result.X, $"np.linalg.lstsq(la{m}, lb{m}, rcond=None)[0]", 1e-10);
        Batch.Value.AssertEqual(result.Residuals, $"np.linalg.lstsq(la{m}, lb{m}, rcond=None)[1]", 1e-10);
        Batch.Value.AssertEqual(result.S, $"np.linalg.lstsq(la{m}, lb{m}, rcond=None)[3]", 1e-10);
        Assert.Equal(Batch.Value[$"np.linalg.lstsq(la{m}, lb{m}, rcond=None)[2]"].Values[0], result.Rank.Compute());
        var floats = Linalg.Lstsq(BlockedArray.FromArray(Floats(LstsqA(m, n)), [m, n], [chunk, n]), BlockedArray.FromArray(Floats(LstsqB(m, matrix)), bShape, bChunks));
        Batch.Value.AssertEqual(floats.X, $"np.linalg.lstsq(laf{m}, lbf{m}, rcond=None)[0]", 1e-4);
    }

    [Fact]
    public void Lstsq_RankDeficient_ReportsTheRank()
    {
        // Column 2 is column 0 + column 1: rank 2.
        var result = Linalg.Lstsq(BlockedArray.FromArray(Deficient, [10, 3], [4, 3]), BlockedArray.Ones<double>([10], [4]));
        Assert.Equal(Batch.Value["np.linalg.matrix_rank(deficient)"].Values[0], result.Rank.Compute());
        Assert.Equal(2, result.Rank.Compute());
    }

    [Fact]
    public void SvdCompressed_OfALowRankMatrix_RecoversNumPysTopSingularValues()
    {
        // A rank-3 matrix (60 × 12): the randomized range finder captures its range exactly.
        var (u, s, vh) = Linalg.SvdCompressed(BlockedArray.FromArray(LowRank, [60, 12], [15, 12]), k: 3, oversampling: 2, powerIterations: 1, seed: 7);
        Assert.Equal([60L, 3], u.Shape);
        Assert.Equal([3L, 12], vh.Shape);
        var expected = Batch.Value["np.linalg.svd(lowrank, compute_uv=False)[:3]"].Values;
        foreach (var scheduler in LinalgOracle.Schedulers)
        {
            var sv = LinalgOracle.Compute(s, scheduler);
            LinalgOracle.Close(expected, sv, 1e-9, "S");
            var us = LinalgOracle.Compute(u, scheduler).Select((x, i) => x * sv[i % 3]).ToArray();
            LinalgOracle.Close(LowRank, LinalgOracle.Multiply(us, LinalgOracle.Compute(vh, scheduler), 60, 3, 12), 1e-9, "U S Vh");
        }
    }
}
