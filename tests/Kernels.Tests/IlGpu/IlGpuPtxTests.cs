using System.Reflection;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Copies;
using Tessera.Kernels.IlGpu.Gemm;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// The GEMM and copy kernels compile to PTX (no GPU needed): the CUDA build of the same C# the CPU
/// accelerator tests run, so shared memory, barriers and generic math are checked for the GPU too.
/// </summary>
public sealed class IlGpuPtxTests
{
    public static TheoryData<Type> Elements => [typeof(float), typeof(double)];

    public static TheoryData<Type> Storages => [typeof(float), typeof(double), typeof(int), typeof(long), typeof(byte)];

    [Theory]
    [MemberData(nameof(Elements))]
    public void TiledGemm_CompilesToPtx(Type element)
    {
        var ptx = Compile(Method(typeof(TiledGemmKernel), nameof(TiledGemmKernel.Run), element), explicitlyGrouped: true);
        Assert.Contains("bar.sync", ptx);
        Assert.Contains(".shared", ptx);
        Compile(Method(typeof(TiledGemmKernel), nameof(TiledGemmKernel.Scale), element), explicitlyGrouped: false);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void StridedCopy_CompilesToPtx(Type storage) =>
        Compile(Method(typeof(StridedCopyKernel), nameof(StridedCopyKernel.Run), storage), explicitlyGrouped: false);

    private static MethodInfo Method(Type owner, string name, Type element) =>
        owner.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(element);

    private static string Compile(MethodInfo kernel, bool explicitlyGrouped)
    {
        using var backend = new PTXBackend(IlGpuRuntime.Context, new CudaCapabilityContext(CudaArchitecture.SM_90),
            CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var ptx = ((PTXCompiledKernel)IlGpuRuntime.Compiling(() => backend.Compile(entry, default))).PTXAssembly;
        Assert.Contains(".visible .entry", ptx);
        return ptx;
    }
}
