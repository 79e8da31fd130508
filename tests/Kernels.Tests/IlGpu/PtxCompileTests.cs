using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;
using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// Every kernel kind compiles to PTX for sm_70, sm_80 and sm_90 through ILGPU's PTX backend, with
/// no GPU: the PTX names the architecture (<c>.target</c>), the PTX ISA (<c>.version</c>) and the
/// kernel's <c>.visible .entry</c>. A kernel ILGPU cannot lower for CUDA (a System.Type inside a
/// generic-math member, a managed object) fails here rather than on the first GPU run.
/// </summary>
public class PtxCompileTests
{
    /// <summary>
    /// The kernels to compile, one line each: a name for the test output, the kernel method (generic
    /// ones closed over representative types) and whether it is explicitly grouped (uses
    /// <c>Group</c>/<c>SharedMemory</c>; launched with a KernelConfig) or implicitly grouped (Index1D).
    /// Add each kind here as it lands: elementwise per op, each reduction, arg reductions, the GEMM tile.
    /// </summary>
    internal static readonly PtxCase[] Kernels =
    [
        // The IDeviceExpr contract itself: a nested generic-math struct tree, the shape elementwise uses.
        new("map sin(x)*y+c (IDeviceExpr)", Generic(nameof(SampleKernels.Map), typeof(float), typeof(SampleKernels.MulAdd<float, SampleKernels.Sin<float, SampleKernels.Leaf<float>>>)), ExplicitlyGrouped: false),
        new("map x*y+c float64", Generic(nameof(SampleKernels.Map), typeof(double), typeof(SampleKernels.MulAdd<double, SampleKernels.Leaf<double>>)), ExplicitlyGrouped: false),
        // A group tree with dynamic shared memory and barriers, the shape reductions use.
        new("group sum (shared memory)", Generic(nameof(SampleKernels.GroupSum)), ExplicitlyGrouped: true),
        .. OpTable.All.Select(PtxKernelCases.Elementwise),
        .. Enum.GetValues<ReductionKind>().Where(k => k is not (ReductionKind.Any or ReductionKind.All)).SelectMany(PtxKernelCases.Reduction),
        PtxKernelCases.GemmTile(typeof(float)),
        PtxKernelCases.GemmTile(typeof(double)),
    ];

    /// <summary>
    /// What ILGPU writes as <c>.target</c>: <see cref="CudaCapabilityContext.TargetArchitecture"/>, the
    /// lowest architecture with every capability ILGPU uses at that architecture, not the one asked
    /// for. No capability it knows needs more than sm_80, so sm_90 yields <c>sm_80</c> PTX, which the
    /// driver JIT-compiles for sm_90 (PTX runs on its target and every later architecture). No
    /// PTXBackend argument changes it (the property's setter is private), and ILGPU's own CUDA
    /// accelerator builds the same capability context, so this is the PTX an H100 would get.
    /// </summary>
    public static TheoryData<string, int, string, string> Targets()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var kernel in Kernels)
        {
            data.Add(kernel.Name, 70, "sm_70", "6.0");
            data.Add(kernel.Name, 80, "sm_80", "7.0");
            data.Add(kernel.Name, 90, "sm_80", "7.8");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Kernel_CompilesToPtx_WithTargetVersionAndEntry(string kernel, int sm, string expectedTarget, string expectedVersion)
    {
        var (method, explicitlyGrouped) = Kernels.Single(k => k.Name == kernel) is var c ? (c.Kernel, c.ExplicitlyGrouped) : default;
        var ptx = Compile(method, explicitlyGrouped, sm);
        var lines = ptx.Split('\n').Select(l => l.Trim()).ToArray();

        Assert.Equal($".version {expectedVersion}", Assert.Single(lines, l => l.StartsWith(".version ", StringComparison.Ordinal)));
        Assert.Equal($".target {expectedTarget}", Assert.Single(lines, l => l.StartsWith(".target ", StringComparison.Ordinal)));
        var entry = Assert.Single(lines, l => l.StartsWith(".visible .entry ", StringComparison.Ordinal));
        Assert.Contains(method.Name, entry, StringComparison.Ordinal);
        Assert.Contains("ret;", ptx, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AKernelIlGpuCannotLower_FailsHere_NotOnTheGpu()
    {
        // T.CreateTruncating uses typeof() inside .NET's generic math: ILGPU rejects System.Type.
        // This is the failure the PTX tests exist to catch before a GPU run.
        // A failed compilation leaves an ILGPU context's IR broken for every later kernel, so this
        // one runs in a context of its own, never the process's shared one.
        var method = Generic(nameof(SampleKernels.Truncating), typeof(float));
        using var isolated = Context.Create(builder => builder.Default().EnableAlgorithms());
        Assert.ThrowsAny<Exception>(() => Compile(method, explicitlyGrouped: false, sm: 80, isolated));
    }

    private static string Compile(MethodInfo kernel, bool explicitlyGrouped, int sm, Context? context = null)
    {
        var (architecture, isa) = sm switch
        {
            70 => (CudaArchitecture.SM_70, CudaInstructionSet.ISA_60),
            80 => (CudaArchitecture.SM_80, CudaInstructionSet.ISA_70),
            90 => (CudaArchitecture.SM_90, CudaInstructionSet.ISA_78),
            _ => throw new ArgumentOutOfRangeException(nameof(sm), sm, "Expected 70, 80 or 90."),
        };
        using var backend = new PTXBackend(context ?? IlGpuRuntime.Context, new CudaCapabilityContext(architecture), architecture, isa, null);
        var entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        return ((PTXCompiledKernel)IlGpuRuntime.Compiling(() => backend.Compile(entry, default))).PTXAssembly;
    }

    private static MethodInfo Generic(string name, params Type[] arguments)
    {
        var method = typeof(SampleKernels).GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"No kernel {name} in {nameof(SampleKernels)}.");
        return arguments.Length == 0 ? method : method.MakeGenericMethod(arguments);
    }

    /// <summary>One kernel to compile (see <see cref="Kernels"/>).</summary>
    internal sealed record PtxCase(string Name, MethodInfo Kernel, bool ExplicitlyGrouped);
}

/// <summary>
/// Small kernels in the shapes the backend's kernels take, so the PTX harness has cases before the
/// elementwise, reduction and GEMM kernels are added to <see cref="PtxCompileTests.Kernels"/>.
/// </summary>
public static class SampleKernels
{
    /// <summary>out[i] = e.Eval(i): the elementwise kernel's shape.</summary>
    internal static void Map<T, TExpr>(Index1D index, TExpr expr, ArrayView<T> output)
        where T : unmanaged
        where TExpr : struct, IDeviceExpr<T> =>
        output[index] = expr.Eval(index);

    /// <summary>A leaf: one input view, read at the iteration index.</summary>
    internal readonly struct Leaf<T>(ArrayView<T> input) : IDeviceExpr<T> where T : unmanaged
    {
        public T Eval(int index) => input[index];
    }

    /// <summary>sin of a child, through .NET generic math (as Ops.Sin.Apply does).</summary>
    internal readonly struct Sin<T, TChild>(TChild child) : IDeviceExpr<T>
        where T : unmanaged, System.Numerics.ITrigonometricFunctions<T>
        where TChild : struct, IDeviceExpr<T>
    {
        public T Eval(int index) => T.Sin(child.Eval(index));
    }

    /// <summary>child * child + constant.</summary>
    internal readonly struct MulAdd<T, TChild>(TChild child, T constant) : IDeviceExpr<T>
        where T : unmanaged, System.Numerics.INumber<T>
        where TChild : struct, IDeviceExpr<T>
    {
        public T Eval(int index)
        {
            var x = child.Eval(index);
            return (x * x) + constant;
        }
    }

    /// <summary>A group's tree sum in dynamic shared memory, one partial per group.</summary>
    internal static void GroupSum(ArrayView<float> input, ArrayView<float> partials)
    {
        var shared = SharedMemory.GetDynamic<float>();
        var i = Grid.GlobalIndex.X;
        shared[Group.IdxX] = i < input.Length ? input[i] : 0f;
        Group.Barrier();
        for (var step = Group.DimX / 2; step > 0; step /= 2)
        {
            if (Group.IdxX < step)
            {
                shared[Group.IdxX] += shared[Group.IdxX + step];
            }
            Group.Barrier();
        }
        if (Group.IdxX == 0)
        {
            partials[Grid.IdxX] = shared[0];
        }
    }

    /// <summary>Uses <c>T.CreateTruncating</c>, which ILGPU cannot compile (System.Type inside).</summary>
    internal static void Truncating<T>(Index1D index, ArrayView<T> output) where T : unmanaged, System.Numerics.INumber<T> =>
        output[index] = T.CreateTruncating(index.X);
}
