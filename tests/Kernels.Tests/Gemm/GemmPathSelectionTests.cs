using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>How TESSERA_BLAS and the machine decide the automatic path.</summary>
public sealed class GemmPathSelectionTests
{
    [Theory]
    [InlineData("managed", true, false, "Managed")]
    [InlineData(" Managed ", true, false, "Managed")]
    [InlineData("openblas", true, true, "NativeBlas")]
    [InlineData(null, true, false, "NativeBlas")]
    [InlineData("", true, true, "Managed")]
    [InlineData("auto", false, false, "Managed")]
    public void Parse_SettingAndMachine_PicksPath(string? setting, bool blas, bool managedWider, string expected) =>
        Assert.Equal(Enum.Parse<GemmPath>(expected), GemmPathSelection.Parse(setting, blas, managedWider));

    [Fact]
    public void Parse_UnknownSetting_ThrowsListingChoices()
    {
        var e = Assert.Throws<InvalidOperationException>(() => GemmPathSelection.Parse("mkl", true, false));
        Assert.Contains("'managed'", e.Message);
    }

    [Fact]
    public void OpenBlas_OnThisMachine_IsFoundAndReportsItsKernel()
    {
        // The BLAS path is one of the two tested paths; its absence must be visible, not skipped.
        Assert.True(OpenBlas.IsAvailable, "OpenBLAS not found: install libopenblas0-pthread (Debian).");
        Assert.NotEmpty(OpenBlas.Loaded!.CoreName);
    }
}
