using Tessera.Kernels.Cuda.Compiler;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>Choosing CUBIN or PTX and the architecture from a compute capability (no GPU needed).</summary>
public class NvrtcTargetTests
{
    private static readonly int[] Cuda12Archs = [50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90];

    [Theory]
    [InlineData(9, 0, "sm_90", true)]
    [InlineData(8, 9, "sm_89", true)]
    [InlineData(8, 0, "sm_80", true)]
    [InlineData(7, 5, "sm_75", true)]
    public void Choose_KnownArchitecture_GivesCubinForIt(int major, int minor, string arch, bool cubin)
    {
        var target = NvrtcTarget.Choose((major, minor), Cuda12Archs, canEmitCubin: true);
        Assert.Equal(new NvrtcTarget(arch, cubin), target);
        Assert.Contains($"--gpu-architecture={arch}", target.Options());
    }

    [Fact]
    public void Choose_UnlistedMinorRevision_UsesTheNewestOfTheSameMajor()
    {
        // sm_88 is not a real part; code for sm_87 runs on it (same major, later minor).
        Assert.Equal(new NvrtcTarget("sm_87", true), NvrtcTarget.Choose((8, 8), Cuda12Archs, canEmitCubin: true));
    }

    [Fact]
    public void Choose_GpuNewerThanNvrtc_FallsBackToPtxOfTheNewestKnownArchitecture()
    {
        // A Blackwell GPU (10.0) with a CUDA 12.4 NVRTC whose newest target is 9.0.
        var target = NvrtcTarget.Choose((10, 0), Cuda12Archs, canEmitCubin: true);
        Assert.Equal(new NvrtcTarget("compute_90", false), target);
        Assert.Contains("--gpu-architecture=compute_90", target.Options());
    }

    [Fact]
    public void Choose_NvrtcWithoutCubin_GivesPtx()
    {
        Assert.Equal(new NvrtcTarget("compute_80", false), NvrtcTarget.Choose((8, 0), Cuda12Archs, canEmitCubin: false));
        Assert.Equal(new NvrtcTarget("compute_86", false), NvrtcTarget.Choose((8, 6), null, canEmitCubin: false));
    }

    [Fact]
    public void Choose_NvrtcWithoutArchitectureList_TrustsTheDevice()
    {
        Assert.Equal(new NvrtcTarget("sm_86", true), NvrtcTarget.Choose((8, 6), null, canEmitCubin: true));
    }

    [Fact]
    public void Choose_GpuOlderThanEveryArchitecture_ThrowsNamingBoth()
    {
        var error = Assert.Throws<NotSupportedException>(() => NvrtcTarget.Choose((3, 5), [75, 80, 90], canEmitCubin: true));
        Assert.Contains("3.5", error.Message);
        Assert.Contains("75, 80, 90", error.Message);
    }

    [Fact]
    public void Options_KeepIeeeArithmetic()
    {
        var options = new NvrtcTarget("sm_90", true).Options();
        Assert.Contains("--fmad=false", options);
        Assert.DoesNotContain(options, o => o.Contains("fast_math", StringComparison.Ordinal));
    }
}
