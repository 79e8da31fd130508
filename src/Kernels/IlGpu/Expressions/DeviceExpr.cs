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
/// </remarks>
internal sealed class DeviceExpr : IDisposable
{
    private readonly Accelerator? _accelerator;
    private readonly List<MemoryBuffer> _owned;

    internal DeviceExpr(Type structType, object instance, DType dtype, string cacheKey, Accelerator? accelerator, List<MemoryBuffer> owned)
    {
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
