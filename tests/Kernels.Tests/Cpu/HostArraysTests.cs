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
        const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(Setting))
        {
            Assert.False(HostArrays.Advises, "advice is only given where Linux has transparent huge pages");
            return;
        }
        // The oracle is the kernel, not HostArrays' own reasoning: read the mode, then ask
        // /proc/self/smaps whether the memory an array got may be backed by huge pages.
        var mode = File.ReadAllText(Setting);
        var disabled = Environment.GetEnvironmentVariable("TESSERA_HUGEPAGES") == "0";
        var eligible = mode.Contains("[always]", StringComparison.Ordinal) ||
            (mode.Contains("[madvise]", StringComparison.Ordinal) && !disabled);

        var array = HostArrays.Allocate<double>(8L << 20, zeroed: true); // 64 MiB
        fixed (double* p = array)
        {
            var middle = (ulong)(p + (array.Length / 2));
            Assert.True(EligibleForHugePages(middle) == (eligible ? 1 : 0),
                $"mode {mode.Trim()}, TESSERA_HUGEPAGES={(disabled ? "0" : "unset")}: the array should {(eligible ? "" : "not ")}be eligible for huge pages");
        }
        GC.KeepAlive(array);
        // Advice is given only where it changes something: in madvise mode, unless turned off.
        Assert.Equal(mode.Contains("[madvise]", StringComparison.Ordinal) && !disabled, HostArrays.Advises);
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
