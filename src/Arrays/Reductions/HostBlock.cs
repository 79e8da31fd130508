using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Reductions;

/// <summary>A block's elements in host memory, typed: host routines (arg reductions, user functions) read blocks through it.</summary>
internal static class HostBlock
{
    /// <summary>The block itself when it is a host block, else a host copy of it.</summary>
    public static CpuBuffer<T> Of<T>(IDeviceBuffer block) where T : unmanaged
    {
        if (block.DType != DTypes.Of<T>())
        {
            throw new InvalidOperationException(
                $"A block holds {block.DType} elements where {DTypes.Of<T>()} was expected; this is a bug in the layer that made it.");
        }
        return (CpuBuffer<T>)Residency.ToHost(block);
    }
}
