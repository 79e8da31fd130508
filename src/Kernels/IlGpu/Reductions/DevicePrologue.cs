using ILGPU;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu.Expressions;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// A reduction's prologue as a kernel argument: the struct type implementing
/// <see cref="IDeviceExpr{T}"/> and an instance of it (boxed), plus any buffer it reads that
/// was made for this call.
/// </summary>
internal sealed class DevicePrologue : IDisposable
{
    private readonly IDeviceBuffer? _temporary;

    private DevicePrologue(Type type, object instance, IDeviceBuffer? temporary)
    {
        Type = type;
        Instance = instance;
        _temporary = temporary;
    }

    /// <summary>The expression's struct type (the kernels' TExpr).</summary>
    public Type Type { get; }

    /// <summary>The boxed instance passed to the kernels.</summary>
    public object Instance { get; }

    /// <summary>
    /// The prologue of <paramref name="prologue"/> over <paramref name="inputs"/>, indexed by the flat
    /// row-major index of <paramref name="shape"/> (their broadcast shape).
    /// </summary>
    /// <remarks>
    /// Interim until the ILGPU lowering lands: a bare input of the full shape is read in place; any
    /// other prologue is evaluated by the CPU backend and uploaded (correct, but materialised).
    /// </remarks>
    public static DevicePrologue Build(IlGpuBackend backend, Expr prologue, IReadOnlyList<IlGpuBuffer> inputs, int[] shape)
    {
        if (prologue is InputExpr input && inputs[input.Index].Shape.SequenceEqual(shape))
        {
            return Dense(inputs[input.Index], null);
        }
        var onCpu = inputs.Select(b => (IDeviceBuffer)HostCopies.Of(b, backend)).ToArray();
        var values = CpuBackend.Instance.Allocate(prologue.DType, shape);
        CpuBackend.Instance.Elementwise(prologue, onCpu, values);
        var uploaded = backend.Own(HostCopies.ToDevice(backend, (CpuBuffer)values), nameof(values));
        return Dense(uploaded, uploaded);
    }

    private static DevicePrologue Dense(IlGpuBuffer buffer, IDeviceBuffer? temporary) => buffer.DType switch
    {
        DType.Float32 => new(typeof(DenseValues<float>), new DenseValues<float> { Values = buffer.View<float>() }, temporary),
        DType.Float64 => new(typeof(DenseValues<double>), new DenseValues<double> { Values = buffer.View<double>() }, temporary),
        DType.Int32 => new(typeof(DenseValues<int>), new DenseValues<int> { Values = buffer.View<int>() }, temporary),
        DType.Int64 => new(typeof(DenseValues<long>), new DenseValues<long> { Values = buffer.View<long>() }, temporary),
        _ => new(typeof(DenseValues<byte>), new DenseValues<byte> { Values = buffer.View<byte>() }, temporary),
    };

    public void Dispose() => _temporary?.Dispose();
}

/// <summary>A prologue that is one dense buffer of the iteration shape.</summary>
internal struct DenseValues<T> : IDeviceExpr<T> where T : unmanaged
{
    /// <summary>The values, row-major.</summary>
    public ArrayView<T> Values;

    public readonly T Eval(int index) => Values[index];
}
