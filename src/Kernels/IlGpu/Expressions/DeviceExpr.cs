using ILGPU.Runtime;

namespace Tessera.Kernels.IlGpu.Expressions;

/// <summary>
/// An expression lowered for one launch (<see cref="DeviceExprs.Build"/>): the nested struct type
/// a kernel is specialised on and the instance passed as its argument.
/// </summary>
/// <remarks>
/// Dispose it once the kernels that read it are issued: it frees the device memory of
/// <see cref="GatherLeaf{T}"/> layouts (synchronising the accelerator first, so queued kernels
/// finish reading them). Most expressions own none, and then Dispose does nothing.
/// <para>
/// It also keeps the input buffers it views reachable until then. The instance holds only ILGPU
/// views, not the <see cref="IlGpuBuffer"/>s; a caller that passed a buffer it no longer
/// references (<c>Reduce(kind, e, [Upload(...)], ...)</c>) would otherwise let the collector
/// finalize that buffer between lowering and launch, its memory would be released at the next
/// synchronisation by another thread, and the kernel would read freed memory (seen as a
/// NullReferenceException inside ILGPU's CPU launcher that ended the test host).
/// </para>
/// </remarks>
internal sealed class DeviceExpr : IDisposable
{
    private readonly Accelerator? _accelerator;
    private readonly List<MemoryBuffer> _owned;
    private IlGpuBuffer[]? _inputs;

    internal DeviceExpr(Type structType, object instance, DType dtype, string cacheKey, Accelerator? accelerator,
        List<MemoryBuffer> owned, IlGpuBuffer[] inputs)
    {
        _inputs = inputs;
        StructType = structType;
        Instance = instance;
        DType = dtype;
        CacheKey = cacheKey;
        _accelerator = accelerator;
        _owned = owned;
    }

    /// <summary>
    /// The node struct type, implementing <see cref="IDeviceExpr{T}"/> of <see cref="ElementType"/>.
    /// It is the structural hash of the expression: same tree, types and leaf kinds give the same
    /// type, so it keys compiled-kernel caches (constant values and buffers are instance data).
    /// </summary>
    public Type StructType { get; }

    /// <summary>The boxed <see cref="StructType"/> value holding the inputs' views, strides and constants.</summary>
    public object Instance { get; }

    /// <summary>The expression's Tessera type.</summary>
    public DType DType { get; }

    /// <summary>The type <see cref="IDeviceExpr{T}.Eval"/> returns: the CLR type of <see cref="DType"/>, byte for bool.</summary>
    public Type ElementType => IlGpuBuffer.Storage(DType);

    /// <summary>
    /// A short readable form of <see cref="StructType"/> (ops, types and leaf kinds, e.g.
    /// <c>add:f64(in0:f64:dense,k:f64)</c>): equal keys mean equal struct types. For logs and for
    /// caches that want a string key.
    /// </summary>
    public string CacheKey { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Reachable up to here, past the launch; dropped now so a kept DeviceExpr does not pin them.
        GC.KeepAlive(_inputs);
        _inputs = null;
        if (_owned.Count == 0)
        {
            return;
        }
        _accelerator?.Synchronize();
        foreach (var buffer in _owned)
        {
            buffer.Dispose();
        }
        _owned.Clear();
    }

    /// <inheritdoc/>
    public override string ToString() => CacheKey;
}
