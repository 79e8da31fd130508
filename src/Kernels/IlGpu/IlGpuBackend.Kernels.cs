namespace Tessera.Kernels.IlGpu;

internal sealed partial class IlGpuBackend
{
    private IlGpuKernelCache? _kernels;

    /// <summary>This accelerator's compiled kernels (elementwise maps, reductions, ...).</summary>
    internal IlGpuKernelCache Kernels =>
        LazyInitializer.EnsureInitialized(ref _kernels, () => new IlGpuKernelCache(Accelerator));
}
