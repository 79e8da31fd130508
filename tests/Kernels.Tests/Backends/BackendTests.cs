using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu.Reduction;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Backends;

/// <summary>Buffers, copies, GEMM wiring and float accuracy through the backend interface.</summary>
public abstract class BackendTests
{
    internal abstract IComputeBackend Backend { get; }

    [Fact]
    public void CopyToDeviceAndBack_RoundTripsValues()
    {
        var data = new long[] { 1, -2, long.MaxValue };
        var buffer = Backend.Allocate(DType.Int64, [3]);
        Backend.CopyFromHost<long>(data, buffer);
        var back = new long[3];
        Backend.CopyToHost<long>(buffer, back);
        Assert.Equal(data, back);
        Assert.Equal(24, buffer.ByteSize);
        Backend.Free(buffer);
    }

    [Fact]
    public void CopyFromHost_WrongLengthOrType_Throws()
    {
        var buffer = Backend.Allocate(DType.Float32, [2, 2]);
        Assert.Contains("exactly", Assert.Throws<ArgumentException>(() => Backend.CopyFromHost<float>(new float[3], buffer)).Message);
        Assert.Throws<ArgumentException>(() => Backend.CopyFromHost<double>(new double[4], buffer));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Gemm_SmallCase_MatchesNaiveProduct(bool transposeA, bool transposeB)
    {
        const int m = 3, n = 4, k = 5;
        var a = (double[])TestData.Create(DType.Float64, m * k, seed: 1, specials: false);
        var b = (double[])TestData.Create(DType.Float64, k * n, seed: 2, specials: false);
        var c = (double[])TestData.Create(DType.Float64, m * n, seed: 3, specials: false);
        var ba = Buffers.Upload(Backend, a, transposeA ? [k, m] : [m, k]);
        var bb = Buffers.Upload(Backend, b, transposeB ? [n, k] : [k, n]);
        var bc = Buffers.Upload(Backend, c, m, n);
        Backend.Gemm(transposeA, transposeB, 2.0, ba, bb, 0.5, bc);
        var actual = Buffers.Download(Backend, bc);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var p = 0; p < k; p++)
                {
                    s += (transposeA ? a[(p * m) + i] : a[(i * k) + p]) * (transposeB ? b[(j * k) + p] : b[(p * n) + j]);
                }
                Assert.Equal((2 * s) + (0.5 * c[(i * n) + j]), actual[(i * n) + j].ToDouble(), 12);
            }
        }
    }

    [Fact]
    public void Gemm_MismatchedShapes_ThrowsNamingShapes()
    {
        var a = Backend.Allocate(DType.Float32, [3, 4]);
        var b = Backend.Allocate(DType.Float32, [5, 2]);
        var c = Backend.Allocate(DType.Float32, [3, 2]);
        var error = Assert.Throws<ArgumentException>(() => Backend.Gemm(false, false, 1, a, b, 0, c));
        Assert.Contains("transpose", error.Message);
    }

    /// <summary>
    /// 10^8 float32 values (x_i + y_j over a 10^4 x 10^4 broadcast, never materialised): a naive
    /// float32 running sum stalls at 2^24 and is off by orders of magnitude; ours must match the
    /// float64 reference to float32 rounding.
    /// </summary>
    [Fact]
    public void Sum_OfHundredMillionFloat32_MatchesFloat64Reference()
    {
        const int n = 10_000;
        var x = new float[n];
        var y = new float[n];
        var random = new Random(42);
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)random.NextDouble();
            y[i] = (float)(random.NextDouble() * 0.001);
        }
        double expected = 0;
        for (var i = 0; i < n; i++)
        {
            double row = 0;
            for (var j = 0; j < n; j++)
            {
                row += x[i] + y[j];  // float32 add, as the prologue computes it
            }
            expected += row;
        }
        var e = Ex.Input(0, DType.Float32) + Ex.Input(1, DType.Float32);
        var output = Backend.Allocate(DType.Float32, []);
        Backend.Reduce(ReductionKind.Sum, e, [Buffers.Upload(Backend, x, n, 1), Buffers.Upload(Backend, y, 1, n)], [0, 1], output);
        var actual = Buffers.Download(Backend, output)[0].ToDouble();
        Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"expected {expected}, got {actual}");
    }

    [Fact]
    public void Moments_MergedFromParts_EqualMomentsOfTheWhole()
    {
        var values = (double[])TestData.Create(DType.Float64, 1000, seed: 7, specials: false);
        Moments whole = default, left = default, right = default;
        foreach (var v in values) whole.Add(v + 1e6);
        foreach (var v in values[..300]) left.Add(v + 1e6);
        foreach (var v in values[300..]) right.Add(v + 1e6);
        left.Merge(right);
        Assert.Equal(whole.Count, left.Count);
        Assert.Equal(whole.Mean, left.Mean, tolerance: 1e-6);
        Assert.Equal(whole.Variance(1), left.Variance(1), tolerance: 1e-8);
    }

    [Fact]
    public void ArgExtremum_Merge_KeepsTheEarlierOfEqualValues()
    {
        ArgExtremum<int> first = default, later = default;
        first.Add<Largest>(5, 3);
        later.Add<Largest>(5, 10);
        first.Merge<Largest>(later);
        Assert.Equal(3, first.Index);
        later.Add<Largest>(6, 11);
        first.Merge<Largest>(later);
        Assert.Equal(11, first.Index);
    }
}
