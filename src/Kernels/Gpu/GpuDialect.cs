namespace Tessera.Kernels.Gpu;

/// <summary>The C dialect a generated kernel is written in.</summary>
internal enum GpuDialect
{
    /// <summary>OpenCL C 1.2 (built with clBuildProgram).</summary>
    OpenCL,

    /// <summary>CUDA C++ (compiled with NVRTC); kernels are <c>extern "C"</c>, so names are not mangled.</summary>
    Cuda,
}

/// <summary>
/// What a backend tells the generators. Every member changes the generated text, so the whole
/// record is part of the kernel-cache key (<see cref="Text"/>).
/// </summary>
/// <param name="Dialect">OpenCL C or CUDA C++.</param>
/// <param name="GroupSize">
/// Work-group (thread-block) size of the reduction kernels, a power of two from 64 to 1024. The
/// kernels size their local/shared scratch with it, so the launch must use exactly this size.
/// </param>
/// <param name="Float64Accumulators">
/// Whether float32 sums, products, means and variances accumulate in double (as the CPU backend
/// does). Needs double support on the device (cl_khr_fp64); without it they accumulate in float.
/// </param>
internal sealed record GpuCodegenOptions(GpuDialect Dialect, int GroupSize = 256, bool Float64Accumulators = true)
{
    /// <summary>The options as a stable string for cache keys.</summary>
    public string Text => $"{Dialect}/g{GroupSize}/acc{(Float64Accumulators ? 64 : 32)}/v{GpuKernelSource.GeneratorVersion}";

    /// <summary>Throws when <see cref="GroupSize"/> is not a power of two in [64, 1024].</summary>
    public void Validate()
    {
        if (GroupSize < 64 || GroupSize > 1024 || (GroupSize & (GroupSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GroupSize), GroupSize,
                "The reduction group size must be a power of two from 64 to 1024 (e.g. 256).");
        }
    }
}
