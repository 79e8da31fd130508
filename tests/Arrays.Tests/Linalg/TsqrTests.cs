namespace Tessera.Arrays.Tests.LinearAlgebra;

/// <summary>Linalg.Qr and Linalg.Svd by TSQR against numpy.linalg.qr/svd: factors, shapes, dask's chunks, dtype, both executors.</summary>
public class TsqrTests
{
    public static TheoryData<int, int, long[]> TallCases => new()
    {
        { 40, 5, [10] },         // even row blocks
        { 37, 6, [7] },          // the last block (2 rows) is shorter than the row count of R
        { 9, 4, [9] },           // one block
        { 5, 8, [5] },           // wider than tall: Q 5 × 5, R 5 × 8
        { 50, 3, [4, 20, 1, 25] }, // uneven blocks, one of a single row
    };

    /// <summary>Case (m, n)'s input, named for NumPy.</summary>
    private static string Name(int m, int n) => $"a{m}x{n}";

    private static double[] QrValues(int m, int n) => LinalgOracle.Values(m * n, m + n);

    private static double[] SvdValues(int m, int n) => LinalgOracle.Values(m * n, m + (2 * n));

    /// <summary>NumPy's R, singular values and Vh of every case, from one python3 run.</summary>
    private static readonly Lazy<NumPyBatch> Batch = new(() =>
    {
        var cases = TallCases.Select(c => ((int)c[0], (int)c[1])).ToList();
        return new NumPyBatch(
            [
                .. cases.Select(c => NumPyInput.Of(Name(c.Item1, c.Item2), QrValues(c.Item1, c.Item2), c.Item1, c.Item2)),
                .. cases.Select(c => NumPyInput.Of("s" + Name(c.Item1, c.Item2), SvdValues(c.Item1, c.Item2), c.Item1, c.Item2)),
                NumPyInput.Of("fat", LinalgOracle.Values(4 * 30, 5), 4, 30),
            ],
            [
                .. cases.Select(c => $"np.linalg.qr({Name(c.Item1, c.Item2)})[1]"),
                .. cases.Select(c => $"np.linalg.svd(s{Name(c.Item1, c.Item2)}, full_matrices=False)[1]"),
                .. cases.Select(c => $"np.linalg.svd(s{Name(c.Item1, c.Item2)}, full_matrices=False)[2]"),
                "np.linalg.svd(fat, compute_uv=False)",
            ]);
    });

    private static BlockedArray<T> Input<T>(double[] values, int m, int n, long[] rowChunks) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? (BlockedArray<T>)(object)BlockedArray.FromArray([.. values.Select(v => (float)v)], [m, n], ChunkSpec.Explicit(rowChunks.Length == 1 ? Chunked(m, rowChunks[0]) : rowChunks, [n]))
            : (BlockedArray<T>)(object)BlockedArray.FromArray(values, [m, n], ChunkSpec.Explicit(rowChunks.Length == 1 ? Chunked(m, rowChunks[0]) : rowChunks, [n]));

    private static long[] Chunked(long length, long size) =>
        [.. Enumerable.Range(0, (int)((length + size - 1) / size)).Select(i => Math.Min(size, length - (i * size)))];

    [Theory]
    [MemberData(nameof(TallCases))]
    public void Qr_MatchesNumPyUpToSigns_Double(int m, int n, long[] rowChunks) => CheckQr<double>(m, n, rowChunks, 1e-10);

    [Theory]
    [MemberData(nameof(TallCases))]
    public void Qr_MatchesNumPyUpToSigns_Float(int m, int n, long[] rowChunks) => CheckQr<float>(m, n, rowChunks, 2e-5);

    private static void CheckQr<T>(int m, int n, long[] rowChunks, double tolerance) where T : unmanaged
    {
        var values = QrValues(m, n);
        var a = Input<T>(values, m, n, rowChunks);
        var (q, r) = Linalg.Qr(a);
        var k = Math.Min(m, n);
        Assert.Equal([m, k], q.Shape);
        Assert.Equal([k, n], r.Shape);
        Assert.Equal(a.Chunks.Chunks[0], q.Chunks.Chunks[0]); // dask: Q keeps the row chunks, one column chunk
        Assert.Equal([(long)k], q.Chunks.Chunks[1]);
        Assert.Equal([1, 1], r.Chunks.BlockCounts);
        Assert.Equal(DTypes.Of<T>(), q.DType);
        var expectedR = Batch.Value[$"np.linalg.qr({Name(m, n)})[1]"].Values;
        foreach (var scheduler in LinalgOracle.Schedulers)
        {
            var qv = LinalgOracle.Compute(q, scheduler);
            var rv = LinalgOracle.Compute(r, scheduler);
            LinalgOracle.Close(LinalgOracle.Identity(k), LinalgOracle.Multiply(LinalgOracle.Transpose(qv, m, k), qv, k, m, k), tolerance, "QᵀQ");
            LinalgOracle.Close(values, LinalgOracle.Multiply(qv, rv, m, k, n), tolerance, "QR");
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < Math.Min(i, n); j++)
                {
                    Assert.True(Math.Abs(rv[(i * n) + j]) <= tolerance, $"R[{i}, {j}] = {rv[(i * n) + j]} is below the diagonal");
                }
            }
            // R's rows are NumPy's up to sign: compare with each row scaled by the sign of its diagonal.
            static double[] Normalized(double[] r, int k, int n) => [.. r.Select((v, i) => r[((i / n) * n) + (i / n)] < 0 ? -v : v)];
            LinalgOracle.Close(Normalized(expectedR, k, n), Normalized(rv, k, n), tolerance * 10, "R");
        }
    }

    [Theory]
    [MemberData(nameof(TallCases))]
    public void Svd_MatchesNumPy(int m, int n, long[] rowChunks)
    {
        var values = SvdValues(m, n);
        var a = Input<double>(values, m, n, rowChunks);
        var (u, s, vh) = Linalg.Svd(a);
        var k = Math.Min(m, n);
        Assert.Equal([m, k], u.Shape);
        Assert.Equal([(long)k], s.Shape);
        Assert.Equal([k, n], vh.Shape);
        Assert.Equal(a.Chunks.Chunks[0], u.Chunks.Chunks[0]);
        var expectedS = Batch.Value[$"np.linalg.svd(s{Name(m, n)}, full_matrices=False)[1]"].Values;
        var expectedVh = Batch.Value[$"np.linalg.svd(s{Name(m, n)}, full_matrices=False)[2]"].Values;
        foreach (var scheduler in LinalgOracle.Schedulers)
        {
            var sv = LinalgOracle.Compute(s, scheduler);
            LinalgOracle.Close(expectedS, sv, 1e-10, "S");
            var uv = LinalgOracle.Compute(u, scheduler);
            var vv = LinalgOracle.Compute(vh, scheduler);
            // U diag(S) Vh = A, U orthonormal, Vh's rows NumPy's up to sign.
            var us = uv.Select((x, i) => x * sv[i % k]).ToArray();
            LinalgOracle.Close(values, LinalgOracle.Multiply(us, vv, m, k, n), 1e-10, "U S Vh");
            LinalgOracle.Close(LinalgOracle.Identity(k), LinalgOracle.Multiply(LinalgOracle.Transpose(uv, m, k), uv, k, m, k), 1e-10, "UᵀU");
            var vt = LinalgOracle.Transpose(vv, k, n);
            var expectedVt = LinalgOracle.Transpose(expectedVh, k, n);
            LinalgOracle.Close(LinalgOracle.SignColumns(expectedVt, n, k, LinalgOracle.ColumnSigns(expectedVt, n, k)),
                LinalgOracle.SignColumns(vt, n, k, LinalgOracle.ColumnSigns(vt, n, k)), 1e-8, "Vh");
        }
    }

    [Fact]
    public void Svd_ShortAndFat_GoesThroughTheTranspose()
    {
        const int M = 4, N = 30;
        var values = LinalgOracle.Values(M * N, 5);
        var a = BlockedArray.FromArray(values, [M, N], [M, 7]);
        var (u, s, vh) = Linalg.Svd(a);
        Assert.Equal([M, M], u.Shape);
        Assert.Equal([M, N], vh.Shape);
        Assert.Equal(a.Chunks.Chunks[1], vh.Chunks.Chunks[1]);
        var expectedS = Batch.Value["np.linalg.svd(fat, compute_uv=False)"].Values;
        foreach (var scheduler in LinalgOracle.Schedulers)
        {
            var sv = LinalgOracle.Compute(s, scheduler);
            LinalgOracle.Close(expectedS, sv, 1e-10, "S");
            var us = LinalgOracle.Compute(u, scheduler).Select((x, i) => x * sv[i % M]).ToArray();
            LinalgOracle.Close(values, LinalgOracle.Multiply(us, LinalgOracle.Compute(vh, scheduler), M, M, N), 1e-10, "U S Vh");
        }
    }

    [Fact]
    public void Chunks_AreThoseDaskGives()
    {
        var script = "import dask.array as da, numpy as np\n" +
                     "x = da.ones((37, 6), chunks=(7, 6))\nq, r = da.linalg.qr(x)\nu, s, v = da.linalg.svd(x)\n" +
                     "print(q.chunks, r.chunks, u.chunks, s.chunks, v.chunks, sep='|')";
        var expected = Tessera.Testing.PythonOracle.Run(script).Trim();
        var x = BlockedArray.Ones<double>([37, 6], [7, 6]);
        var (q, r) = Linalg.Qr(x);
        var (u, s, vh) = Linalg.Svd(x);
        Assert.Equal(expected, string.Join("|", new[] { q.Chunks, r.Chunks, u.Chunks, s.Chunks, vh.Chunks }.Select(Tuple)));
    }

    /// <summary>A grid's chunks as Python prints a tuple of tuples.</summary>
    private static string Tuple(ChunkGrid grid) =>
        "(" + string.Join(", ", grid.Chunks.Select(c => "(" + string.Join(", ", c) + (c.Count == 1 ? ",)" : ")"))) + (grid.Rank == 1 ? ",)" : ")");

    [Fact]
    public void Errors_SayHowToRechunk()
    {
        var x = BlockedArray.Zeros<double>([10, 10], [5, 5]);
        var error = Assert.Throws<ArgumentException>(() => Linalg.Qr(x));
        Assert.Contains("one chunk along axis 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rechunk", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Linalg.Svd(x));
        Assert.Throws<ArgumentException>(() => Linalg.Qr(BlockedArray.Zeros<double>([10], [5])));
        Assert.Throws<NotSupportedException>(() => Linalg.Qr(BlockedArray.Zeros<int>([10, 2], [5, 2])));
    }

    [Fact]
    public void Keys_AreDeterministic()
    {
        var values = LinalgOracle.Values(60, 1);
        BlockedArray<double> Build() => Linalg.Svd(BlockedArray.FromArray(values, [20, 3], [5, 3])).U;
        ArrayAssert.AssertDeterministicKeys(Build(), Build);
    }
}
