using System.Globalization;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Cpu;

/// <summary>Large host arrays: right length, zeroed when asked, and advised for huge pages where Linux leaves that to the program.</summary>
public class HostArraysTests
{
    [Fact]
    public void ZeroedArrays_AreZero_SmallAndLarge()
    {
        foreach (var length in new long[] { 0, 1, 1000, (HostArrays.AdviseFromBytes / sizeof(double)) + 17 })
        {
            var array = HostArrays.Allocate<double>(length, zeroed: true);
            Assert.Equal(length, array.LongLength);
            Assert.True(Array.TrueForAll(array, v => v == 0), $"length {length}");
        }
    }

    [Fact]
    public void NegativeOrHugeLengths_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HostArrays.Allocate<float>(-1, zeroed: false));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HostArrays.Allocate<float>((long)Array.MaxLength + 1, zeroed: false));
        Assert.Contains("smaller blocks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public unsafe void LargeArrays_LieInHugePageEligibleMemory_WhenTheSystemAsksForAdvice()
    {
        var expected = OperatingSystem.IsLinux()
            && Environment.GetEnvironmentVariable("TESSERA_HUGEPAGES") != "0"
            && File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal);
        Assert.Equal(expected, HostArrays.Advises);
        if (!expected)
        {
            return; // "always" needs no advice and "never" ignores it: nothing more to check here
        }
        var array = HostArrays.Allocate<double>(8L << 20, zeroed: true); // 64 MiB
        fixed (double* p = array)
        {
            var middle = (ulong)(p + (array.Length / 2));
            Assert.Equal(1, EligibleForHugePages(middle));
        }
        GC.KeepAlive(array);
    }

    // The THPeligible field of the /proc/self/smaps mapping that holds the address.
    private static int EligibleForHugePages(ulong address)
    {
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                inMapping = start <= address && address < end;
                continue;
            }
            if (inMapping && line.StartsWith("THPeligible:", StringComparison.Ordinal))
            {
                return int.Parse(line["THPeligible:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"No mapping with a THPeligible line holds address {address:x}.");
    }
}
