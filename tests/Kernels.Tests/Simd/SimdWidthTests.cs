using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;
using Xunit.Abstractions;

namespace Tessera.Kernels.Tests.Simd;

/// <summary>
/// The width the CPU kernels run at follows the runtime's switches, so the reruns of the suite
/// in test.sh (AVX-512 off, AVX2 off) really test the narrower kernels. A switch the runtime
/// ignores (as .NET 10 ignores DOTNET_EnableAVX512F) fails here instead of passing silently.
/// </summary>
public sealed class SimdWidthTests(ITestOutputHelper output)
{
    [Fact]
    public void Width_IsTheWidestAcceleratedVector()
    {
        output.WriteLine($"CPU kernels: {SimdWidth.Description}");
        var expected = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;
        Assert.Equal(expected, SimdWidth.Bits);
    }

    [Fact]
    public void Width_FollowsTheRuntimeSwitches()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0")
        {
            Assert.Equal(128, SimdWidth.Bits);
            Assert.False(Vector256.IsHardwareAccelerated, "DOTNET_EnableAVX2=0 leaves 256-bit vectors accelerated");
        }
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0")
        {
            Assert.True(SimdWidth.Bits <= 256, $"DOTNET_EnableAVX512=0 leaves the kernels at {SimdWidth.Bits} bits");
            Assert.False(Vector512.IsHardwareAccelerated, "DOTNET_EnableAVX512=0 leaves 512-bit vectors accelerated");
        }
    }
}
