using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayLinalgTests
{
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5)];
    }

    private static double[] Naive(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var l = 0; l < k; l++)
                {
                    sum += a[(i * k) + l] * b[(l * n) + j];
                }
                c[(i * n) + j] = sum;
            }
        }
        return c;
    }

    [Theory]
    [InlineData(31, 45, 17, 8, 10, 7, 2)]
    [InlineData(64, 64, 64, 16, 16, 16, 4)]
    [InlineData(5, 200, 3, 5, 13, 3, 3)]
    public void MatMul_MatchesNaiveProduct(int m, int k, int n, int chunkM, int chunkK, int chunkN, int splitEvery)
    {
        var a = Values(m * k, 1);
        var b = Values(k * n, 2);
        var x = BlockedArray.FromArray(a, [m, k], [chunkM, chunkK]);
        // b's rows are cut differently from a's columns: the contraction unifies them.
        var y = BlockedArray.FromArray(b, [k, n], [chunkK + 3, chunkN]);
        var product = BlockedArray.MatMul(x, y, splitEvery);
        Assert.Equal([(long)m, n], product.Shape);
        ArrayAssert.Equal(Naive(a, b, m, k, n), product, relative: 1e-12);
    }

    [Fact]
    public void MatMul_Float32_MatchesWithinFloatPrecision()
    {
        var a = Values(40 * 50, 3).Select(v => (float)v).ToArray();
        var b = Values(50 * 30, 4).Select(v => (float)v).ToArray();
        var product = BlockedArray.MatMul(BlockedArray.FromArray(a, [40, 50], [16, 16]), BlockedArray.FromArray(b, [50, 30], [16, 16]));
        var expected = Naive([.. a.Select(v => (double)v)], [.. b.Select(v => (double)v)], 40, 50, 30).Select(v => (float)v).ToArray();
        ArrayAssert.Equal(expected, product, relative: 1e-5);
    }

    [Fact]
    public void MatMul_MisalignedShapes_SaysWhy()
    {
        var x = BlockedArray.Zeros<double>([3, 4], [2, 2]);
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.MatMul(x, x));
        Assert.Contains("matmul: contraction dimension mismatch: (3, 4) @ (3, 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transpose_ReversesAxes_AndPermutationsWork()
    {
        var values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (double)i).ToArray();
        var x = BlockedArray.FromArray(values, [2, 3, 4], [1, 2, 3]);
        var t = x.Transpose(2, 0, 1);
        Assert.Equal([4L, 2L, 3L], t.Shape);
        var expected = new double[24];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 4; k++)
                {
                    expected[(k * 6) + (i * 3) + j] = values[(i * 12) + (j * 4) + k];
                }
            }
        }
        ArrayAssert.Equal(expected, t);
        var m = BlockedArray.FromArray(values[..12], [3, 4], [2, 3]);
        ArrayAssert.Equal([0.0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], m.T);
        Assert.Throws<ArgumentException>(() => x.Transpose(0, 0, 1));
    }

    [Fact]
    public void XPlusXTranspose_CombinesTransposedChunks()
    {
        var values = Values(7 * 7, 5);
        var x = BlockedArray.FromArray(values, [7, 7], [3, 4]);
        var expected = Enumerable.Range(0, 49).Select(i => values[i] + values[(i % 7 * 7) + (i / 7)]).ToArray();
        ArrayAssert.Equal(expected, x + x.T);
    }
}
