namespace Tessera.Kernels.Gpu;

/// <summary>
/// What identifies a compiled program. The generator supplies <see cref="Structure"/>
/// (<see cref="GpuKernelSource.Structure"/>: kernel kind, expression signature, element types,
/// codegen options); the backend supplies the rest.
/// </summary>
/// <param name="Structure">The generator's structural key.</param>
/// <param name="Device">Device architecture, e.g. the OpenCL device name and vendor, or CUDA's sm_90.</param>
/// <param name="Compiler">Compiler identity and version, e.g. the OpenCL driver version, or NVRTC's version.</param>
/// <param name="Options">Compiler options the backend passes (they change the binary).</param>
internal sealed record KernelCacheKey(string Structure, string Device, string Compiler, string Options)
{
    /// <summary>The exact key (collision-free), used in memory and stored in each disk entry.</summary>
    public string Text => $"{Structure}\n{Device}\n{Compiler}\n{Options}";
}
