using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>Bad calls fail before any memory is touched, with a message that names the operand.</summary>
public sealed class GemmArgumentTests
{
    [Fact]
    public void Gemm_ShortA_ThrowsNamingGivenAndNeededLength()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CpuGemm.Gemm(false, false, 3, 2, 4, 1f, new float[11], 4, new float[8], 2, 0f, new float[6], 2));
        Assert.Equal("a", e.ParamName);
        Assert.Contains("11 elements", e.Message);
        Assert.Contains("at least 12", e.Message);
    }

    [Fact]
    public void Gemm_ShortTransposedB_ThrowsWithStoredShape()
    {
        // transB: B is stored n×k = 5×3 with ldb 4, needing 4·4 + 3 = 19 elements.
        var e = Assert.Throws<ArgumentException>(() =>
            CpuGemm.Gemm(false, true, 2, 5, 3, 1d, new double[6], 3, new double[18], 4, 0d, new double[10], 5));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("n×k (transB) = 5×3", e.Message);
        Assert.Contains("at least 19", e.Message);
    }

    [Fact]
    public void Gemm_ShortC_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CpuGemm.Gemm(false, false, 3, 3, 1, 1d, new double[3], 1, new double[3], 3, 0d, new double[8], 3));
        Assert.Equal("c", e.ParamName);
    }

    [Fact]
    public void Gemm_LeadingDimensionSmallerThanRow_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CpuGemm.Gemm(false, false, 2, 3, 2, 1f, new float[4], 2, new float[6], 3, 0f, new float[6], 2));
        Assert.Equal("ldc", e.ParamName);
        Assert.Contains("at least 3", e.Message);
    }

    [Fact]
    public void Gemm_NegativeDimension_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CpuGemm.Gemm(false, false, 2, -1, 2, 1f, new float[4], 2, new float[4], 2, 0f, new float[4], 2));
        Assert.Contains("n=-1", e.Message);
    }

    [Fact]
    public void Gemm_IntegerElements_ThrowsNotSupported()
    {
        var e = Assert.Throws<NotSupportedException>(() =>
            CpuGemm.Gemm(false, false, 1, 1, 1, 1, new int[1], 1, new int[1], 1, 0, new int[1], 1));
        Assert.Contains("Int32", e.Message);
    }

    [Fact]
    public void Gemm_ZeroThreads_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CpuGemm.Gemm(false, false, 1, 1, 1, 1f, new float[1], 1, new float[1], 1, 0f, new float[1], 1, new GemmOptions { Threads = 0 }));
}
