using System.Collections.Concurrent;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda.Compiler;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.Cuda;

internal sealed partial class CudaBackend
{
    // Layout tables repeat (every chunk of one shape has the same one), so each distinct table is
    // uploaded once and kept; past this many distinct tables new ones are uploaded per launch.
    private const int MaxCachedLayouts = 4096;

    private readonly ConcurrentDictionary<string, Lazy<CudaModule>> _rawModules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CudaBuffer> _layouts = new(StringComparer.Ordinal);
    private readonly Lazy<(NvrtcTarget Target, string Device, string Compiler)> _compilerSetup;
    private readonly Lazy<KernelCache<CudaModule>> _cache = new(() => new KernelCache<CudaModule>(KernelCache<CudaModule>.DefaultDirectory()));

    /// <summary>What NVRTC emits for this device (CUBIN for its architecture, or PTX when NVRTC is older than the GPU).</summary>
    internal NvrtcTarget Target => _compilerSetup.Value.Target;

    /// <summary>Generated kernels of this device, in memory and on disk (see <see cref="KernelCache{TProgram}"/>).</summary>
    internal KernelCache<CudaModule> Cache => _cache.Value;

    /// <summary>Code generation settings: the CUDA dialect, 256-thread blocks, float64 accumulators as on the CPU.</summary>
    internal static GpuCodegenOptions Options { get; } = new(GpuDialect.Cuda);

    /// <summary>The module of a generated program: from the cache, or compiled by NVRTC and cached.</summary>
    internal CudaModule Program(Func<GpuKernelSource> generate, string structure)
    {
        var (target, device, compiler) = _compilerSetup.Value;
        var key = new KernelCacheKey(structure, device, compiler, string.Join(' ', target.Options()));
        // Not under the backend lock: a compile takes tens of milliseconds and the cache already
        // makes concurrent requests for one kernel wait for a single compilation.
        using var scope = _context.Enter();
        return Cache.GetOrAdd(key, generate, LoadBinary, source =>
        {
            var compiled = CudaCompiler.Compile(source.Source, source.EntryPoints[0], target);
            return (new CudaModule(compiled) { Source = source }, compiled.Image);
        });
    }

    /// <summary>
    /// Launches <paramref name="function"/> of the module compiled from <paramref name="source"/> on
    /// the compute stream, after pending uploads into <paramref name="buffers"/> (every buffer the
    /// kernel reads or writes). Arguments are packed with <see cref="KernelArgument"/>.
    /// </summary>
    internal void Launch(string source, string programName, string function, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block,
        uint sharedBytes, IReadOnlyList<IDeviceBuffer> buffers, ReadOnlySpan<ulong> arguments)
    {
        CudaModule module;
        using (_context.Enter())
        {
            module = _rawModules.GetOrAdd(source, s => new Lazy<CudaModule>(() => new CudaModule(CudaCompiler.Compile(s, programName, Target)))).Value;
        }
        Launch(module, function, grid, block, sharedBytes, buffers, [], arguments);
    }

    /// <summary>
    /// Launches a function of a loaded module on the compute stream, ordered after pending uploads
    /// into the buffers it uses. <paramref name="reads"/> are read (or partly written) by the
    /// kernel; <paramref name="overwrites"/> are written whole without being read, so they need no zero fill.
    /// </summary>
    internal void Launch(CudaModule module, string function, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block,
        uint sharedBytes, IReadOnlyList<IDeviceBuffer> reads, IReadOnlyList<IDeviceBuffer> overwrites, ReadOnlySpan<ulong> arguments)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(overwrites);
        var read = Owned(reads, nameof(reads));
        var written = Owned(overwrites, nameof(overwrites));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = _context.Enter();
            // Reads first: a buffer both read and written (in place) gets its zero fill.
            foreach (var b in read)
            {
                PrepareForCompute(b, overwritten: false);
            }
            foreach (var b in written)
            {
                PrepareForCompute(b, overwritten: true);
            }
            module.Launch(module.Function(function), _compute, grid, block, sharedBytes, arguments);
        }
    }

    private CudaBuffer[] Owned(IReadOnlyList<IDeviceBuffer> buffers, string name)
    {
        var owned = new CudaBuffer[buffers.Count];
        for (var i = 0; i < owned.Length; i++)
        {
            owned[i] = Own(buffers[i], name);
            ObjectDisposedException.ThrowIf(owned[i].IsDisposed, owned[i]);
        }
        return owned;
    }

    // The cache key's device and compiler parts: the binary depends on the architecture, the NVRTC
    // that built it and the driver that must load it.
    private (NvrtcTarget Target, string Device, string Compiler) SetUpCompiler()
    {
        var target = CudaCompiler.TargetFor(Properties.ComputeCapability);
        var (major, minor) = CudaCompiler.Version;
        return (target, $"{target.Architecture} {Properties.Name}", $"NVRTC {major}.{minor} | driver {CudaDriver.Version}");
    }

    /// <summary>
    /// A device copy of a layout table. Cached tables live as long as the backend; when the cache is
    /// full the table is the caller's to free (<paramref name="owned"/> is true).
    /// </summary>
    private CudaBuffer LayoutTable(long[] layout, out bool owned)
    {
        var key = string.Join(',', layout);
        if (_layouts.TryGetValue(key, out var cached))
        {
            owned = false;
            return cached;
        }
        var table = (CudaBuffer)Allocate(DType.Int64, [layout.Length]);
        CopyFromHost<long>(layout, table);
        if (_layouts.Count < MaxCachedLayouts && _layouts.TryAdd(key, table))
        {
            owned = false;
            return table;
        }
        owned = true;
        return table;
    }

    // A disk binary the driver rejects (another GPU, a newer CUDA) is a miss: recompile.
    private CudaModule? LoadBinary(GpuKernelSource source, byte[] binary)
    {
        try
        {
            return new CudaModule(new CompiledCuda(binary, Target, "")) { Source = source };
        }
        catch (CudaException)
        {
            return null;
        }
    }

    private void DisposeModules()
    {
        foreach (var module in _rawModules.Values)
        {
            if (module.IsValueCreated)
            {
                module.Value.Dispose();
            }
        }
        _rawModules.Clear();
        _layouts.Clear();
    }

    private static ulong Constant(Expressions.Scalar value) => value.DType switch
    {
        DType.Float32 => KernelArgument.Float32(value.As<float>()),
        DType.Float64 => KernelArgument.Float64(value.As<double>()),
        DType.Int32 => KernelArgument.Int32(value.As<int>()),
        DType.Int64 => KernelArgument.Int64(value.As<long>()),
        _ => value.As<bool>() ? 1UL : 0UL,
    };
}
