using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Simd;

/// <summary>
/// Every operation of each vector width (<see cref="ISimd{T, TVec}"/>) against its scalar
/// meaning, lane by lane, on values with NaN, ±0, ±∞ and subnormals, at every width this CPU
/// accelerates (an AVX-512 host checks all three).
/// </summary>
public sealed class SimdOpsTests
{
    public static TheoryData<int> Widths()
    {
        var widths = new TheoryData<int> { 128 };
        if (Vector256.IsHardwareAccelerated)
        {
            widths.Add(256);
        }
        if (Vector512.IsHardwareAccelerated)
        {
            widths.Add(512);
        }
        return widths;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Double_EveryOperation_MatchesScalarMath(int bits)
    {
        switch (bits)
        {
            case 512: SimdOpsChecks<double, Vector512<double>, Simd512<double>>.Run(); break;
            case 256: SimdOpsChecks<double, Vector256<double>, Simd256<double>>.Run(); break;
            default: SimdOpsChecks<double, Vector128<double>, Simd128<double>>.Run(); break;
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Single_EveryOperation_MatchesScalarMath(int bits)
    {
        switch (bits)
        {
            case 512: SimdOpsChecks<float, Vector512<float>, Simd512<float>>.Run(); break;
            case 256: SimdOpsChecks<float, Vector256<float>, Simd256<float>>.Run(); break;
            default: SimdOpsChecks<float, Vector128<float>, Simd128<float>>.Run(); break;
        }
    }

    [Fact]
    public void Count_IsTheWidthInElements()
    {
        Assert.Equal(2, Simd128<double>.Count);
        Assert.Equal(4, Simd256<double>.Count);
        Assert.Equal(8, Simd512<double>.Count);
        Assert.Equal(16, Simd512<float>.Count);
    }
}
