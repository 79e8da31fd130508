using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>Copies the overlap of two blocks placed at given offsets in the same array.</summary>
internal static class BlockCopy
{
    /// <summary>Host blocks: <paramref name="target"/> must be in host memory; a device source is read through the host.</summary>
    public static void Region(IDeviceBuffer source, long[] sourceOffset, IDeviceBuffer target, long[] targetOffset)
    {
        if (target is not CpuBuffer)
        {
            throw new InvalidOperationException(
                $"Rechunking writes host blocks here, but its target is on {target.Device}: allocate it with CpuBuffer and move it with Residency.ToBackend.");
        }
        Region(CpuBackend.Instance, Residency.ToHost(source), sourceOffset, target, targetOffset);
    }

    /// <summary>Blocks of <paramref name="backend"/>: the copy runs there (on the device for device blocks).</summary>
    public static void Region(IComputeBackend backend, IDeviceBuffer source, long[] sourceOffset, IDeviceBuffer target, long[] targetOffset)
    {
        var rank = sourceOffset.Length;
        var sourceStart = new int[rank];
        var targetStart = new int[rank];
        var extent = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            var lo = Math.Max(sourceOffset[d], targetOffset[d]);
            var hi = Math.Min(sourceOffset[d] + source.Shape[d], targetOffset[d] + target.Shape[d]);
            if (hi <= lo)
            {
                return;
            }
            sourceStart[d] = (int)(lo - sourceOffset[d]);
            targetStart[d] = (int)(lo - targetOffset[d]);
            extent[d] = (int)(hi - lo);
        }
        backend.CopyRegion(source, sourceStart, target, targetStart, extent);
    }
}
