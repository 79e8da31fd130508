namespace Tessera.Scheduler.Tests.Memory;

public class MemoryOptionsTests
{
    [Fact]
    public void MemoryLimit_Zero_ThrowsSayingWhatIsExpected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeOptions { MemoryLimit = 0 });
        Assert.Contains("positive number of bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceMemoryLimit_Negative_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeOptions { DeviceMemoryLimit = -1 });
        Assert.Contains("80%", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\0path")]
    public void SpillDirectory_Unusable_ThrowsNamingIt(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => new ComputeOptions { SpillDirectory = path });
        Assert.Contains("SpillDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveMemoryLimit_Unset_IsHalfTheAvailableMemory()
    {
        var options = new ComputeOptions();
        Assert.Null(options.MemoryLimit);
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2, options.EffectiveMemoryLimit);
        Assert.Equal(123L, (options with { MemoryLimit = 123 }).EffectiveMemoryLimit);
    }
}
