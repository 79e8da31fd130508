using System.Collections.Concurrent;
using ILGPU.Runtime;

namespace Tessera.Kernels.IlGpu;

/// <summary>
/// The compiled kernels of one accelerator, keyed by kernel kind and a type: for expression
/// kernels the lowered struct type (<see cref="Expressions.DeviceExpr.StructType"/>), which is the
/// structural hash of the expression, so the second call with the same expression shape and types
/// reuses the kernel. Thread-safe; each kernel is compiled once even when callers race.
/// </summary>
internal sealed class IlGpuKernelCache(Accelerator accelerator)
{
    private readonly ConcurrentDictionary<(Type Kind, Type Key), Lazy<object>> _kernels = new();
    private long _compilations;

    /// <summary>How many kernels this cache has compiled (misses); tests read it to see hits.</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    /// <summary>The number of kernels held.</summary>
    public int Count => _kernels.Count;

    /// <summary>
    /// The kernel of kind <typeparamref name="TKernel"/> for <paramref name="key"/>, compiled by
    /// <paramref name="compile"/> on the first request. A compilation that throws is not cached
    /// (the next request tries again and reports the same error).
    /// </summary>
    public TKernel GetOrCompile<TKernel>(Type key, Func<Accelerator, TKernel> compile) where TKernel : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compile);
        var slot = (typeof(TKernel), key);
        var lazy = _kernels.GetOrAdd(slot, _ => new Lazy<object>(() =>
        {
            Interlocked.Increment(ref _compilations);
            return compile(accelerator);
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (TKernel)lazy.Value;
        }
        catch
        {
            _kernels.TryRemove(new KeyValuePair<(Type, Type), Lazy<object>>(slot, lazy));
            throw;
        }
    }
}
