namespace Tessera;

/// <summary>Where a task result lives, fastest first: results spill down the tiers and are restored up.</summary>
public enum MemoryTier
{
    /// <summary>Accelerator memory (CUDA, OpenCL device buffers).</summary>
    Device,

    /// <summary>Host (CPU) memory.</summary>
    Host,

    /// <summary>Files in <see cref="ComputeOptions.SpillDirectory"/>.</summary>
    Disk,
}
