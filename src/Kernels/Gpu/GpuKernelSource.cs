using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// One generated program: its source, the kernels in it, the structural part of its cache key and
/// what the host needs to launch it.
/// </summary>
/// <param name="Source">The complete C source (OpenCL C or CUDA C++).</param>
/// <param name="EntryPoints">Names of the kernels the source defines.</param>
/// <param name="Structure">
/// Everything the text depends on except the device: kind of kernel, expression signature, element
/// types, reduction kind, options. Two requests with equal structure get identical source.
/// </param>
/// <param name="Constants">Constants in parameter order (values to pass as kernel arguments).</param>
/// <param name="InputCount">Pointer parameters for inputs (indexes 0 .. InputCount-1).</param>
/// <param name="UsesDouble">Whether the source uses double (needs cl_khr_fp64 on OpenCL).</param>
/// <param name="AccumulatorBytes">Bytes of one reduction partial (0 for other kernels).</param>
internal sealed record GpuKernelSource(
    string Source,
    IReadOnlyList<string> EntryPoints,
    string Structure,
    IReadOnlyList<ConstantExpr> Constants,
    int InputCount,
    bool UsesDouble,
    int AccumulatorBytes = 0)
{
    /// <summary>Bumped whenever generated text changes meaning, so stale disk-cache entries are never used.</summary>
    public const int GeneratorVersion = 1;
}
