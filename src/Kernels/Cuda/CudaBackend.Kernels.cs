using System.Collections.Concurrent;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda.Compiler;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Cuda;

internal sealed partial class CudaBackend
{
    // Compiled modules by source text: generated source names its types and structure, so equal
    // text means an equal kernel. Lazy so that threads asking for the same kernel compile it once.
    private readonly ConcurrentDictionary<string, Lazy<CudaModule>> _modules = new(StringComparer.Ordinal);
    private NvrtcTarget? _target;

    /// <summary>What NVRTC emits for this device (CUBIN for its architecture, or PTX when NVRTC is older than the GPU).</summary>
    internal NvrtcTarget Target => _target ??= CudaCompiler.TargetFor(Properties.ComputeCapability);

    public void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output) =>
        throw new NotSupportedException(
            $"Elementwise kernels on {Device} need the GPU code generator, which is not merged into this build yet. Use Device.Cpu.");

    public void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0) =>
        throw new NotSupportedException(
            $"Reductions on {Device} need the GPU code generator, which is not merged into this build yet. Use Device.Cpu.");

    /// <summary>
    /// Launches <paramref name="function"/> of the module compiled from <paramref name="source"/> on
    /// the compute stream, after pending uploads into <paramref name="buffers"/> (every buffer the
    /// kernel reads or writes). Arguments are packed with <see cref="KernelArgument"/>.
    /// </summary>
    internal void Launch(string source, string programName, string function, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block,
        uint sharedBytes, IReadOnlyList<IDeviceBuffer> buffers, ReadOnlySpan<ulong> arguments)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        var owned = new CudaBuffer[buffers.Count];
        for (var i = 0; i < owned.Length; i++)
        {
            owned[i] = Own(buffers[i], nameof(buffers));
            ObjectDisposedException.ThrowIf(owned[i].IsDisposed, owned[i]);
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = _context.Enter();
            foreach (var b in owned)
            {
                OrderComputeAfterCopies(b);
            }
            var module = Module(source, programName);
            module.Launch(module.Function(function), _compute, grid, block, sharedBytes, arguments);
        }
    }

    /// <summary>The loaded module for <paramref name="source"/>, compiling it on first use. Call with the context current.</summary>
    internal CudaModule Module(string source, string programName) =>
        _modules.GetOrAdd(source, s => new Lazy<CudaModule>(() => new CudaModule(CudaCompiler.Compile(s, programName, Target)))).Value;

    private void DisposeModules()
    {
        foreach (var module in _modules.Values)
        {
            if (module.IsValueCreated)
            {
                module.Value.Dispose();
            }
        }
        _modules.Clear();
    }
}
