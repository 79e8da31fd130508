using ILGPU;
using ILGPU.Runtime;

namespace Tessera.Kernels.IlGpu;

/// <summary>
/// The process's one ILGPU <see cref="Context"/>: it owns the compiler and the accelerators'
/// native handles, so every backend shares it. Created on first use; creating it finds the
/// CUDA and OpenCL drivers present, so a machine without them pays nothing until a GPU is asked for.
/// </summary>
internal static class IlGpuRuntime
{
    private static readonly Lazy<Context> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Context Context => Shared.Value;

    /// <summary>
    /// Serialises ILGPU's compiler: the context's IR is shared by every accelerator and backend
    /// (PTX included), and two compilations at once corrupt it (a NullReferenceException inside
    /// ILGPU's optimiser when test classes loaded kernels in parallel). Kernels compile once per
    /// shape and are cached, so holding one lock while compiling costs nothing once warm.
    /// </summary>
    public static T Compiling<T>(Func<T> compile)
    {
        ArgumentNullException.ThrowIfNull(compile);
        lock (CompileGate)
        {
            return compile();
        }
    }

    private static readonly Lock CompileGate = new();

    // Algorithms: XMath's device math and cuBLAS bindings. Fast math stays off: results must
    // match the CPU backend to the tests' tolerances (NumPy semantics for NaN and infinities).
    private static Context Create() => Context.Create(builder => builder
        .Default()
        .EnableAlgorithms()
        .Math(MathMode.Default));

    /// <summary>The accelerator type a Tessera device kind maps to.</summary>
    public static AcceleratorType TypeOf(DeviceKind kind) => kind switch
    {
        DeviceKind.Cuda => AcceleratorType.Cuda,
        DeviceKind.OpenCL => AcceleratorType.OpenCL,
        DeviceKind.IlGpuCpu => AcceleratorType.CPU,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The CPU backend is not an ILGPU accelerator."),
    };
}
