using System.Numerics.Tensors;
using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Cpu;

/// <summary>A CPU buffer: a window of a managed array, wrapped without copying.</summary>
internal abstract partial class CpuBuffer : IDeviceBuffer
{
    private readonly int[] _shape;

    protected CpuBuffer(int[] shape, long length)
    {
        _shape = shape;
        Length = length;
    }

    public Device Device => Device.Cpu;

    public abstract DType DType { get; }

    public IReadOnlyList<int> Shape => _shape;

    public long Length { get; }

    public long ByteSize => Length * DType.Size();

    /// <summary>Wraps <paramref name="array"/> as a buffer of <paramref name="shape"/> (no copy).</summary>
    public static CpuBuffer<T> Wrap<T>(T[] array, params int[] shape) => new(array, 0, shape);

    /// <summary>Wraps a window of <paramref name="array"/> starting at <paramref name="offset"/> (no copy).</summary>
    public static CpuBuffer<T> Wrap<T>(T[] array, int offset, int[] shape) => new(array, offset, shape);

    public static CpuBuffer Allocate(DType dtype, int[] shape) => dtype switch
    {
        DType.Float32 => new CpuBuffer<float>(HostArrays.Allocate<float>(Shapes.Length(shape), zeroed: true), 0, shape),
        DType.Float64 => new CpuBuffer<double>(HostArrays.Allocate<double>(Shapes.Length(shape), zeroed: true), 0, shape),
        DType.Int32 => new CpuBuffer<int>(HostArrays.Allocate<int>(Shapes.Length(shape), zeroed: true), 0, shape),
        DType.Int64 => new CpuBuffer<long>(HostArrays.Allocate<long>(Shapes.Length(shape), zeroed: true), 0, shape),
        _ => new CpuBuffer<bool>(HostArrays.Allocate<bool>(Shapes.Length(shape), zeroed: true), 0, shape),
    };

    // Managed memory is reclaimed by the GC; disposing only documents the end of use.
    public void Dispose()
    {
    }

    public override string ToString() => $"CpuBuffer<{DType}>[{string.Join(", ", _shape)}]";
}

/// <summary>The typed CPU buffer: elements <c>Array[Offset .. Offset + Length)</c>, row-major.</summary>
internal sealed partial class CpuBuffer<T> : CpuBuffer
{
    public CpuBuffer(T[] array, int offset, int[] shape)
        : base((int[])Shapes.Check(shape).Clone(), Shapes.Length(shape))
    {
        ArgumentNullException.ThrowIfNull(array);
        if (offset < 0 || offset + Length > array.Length)
        {
            throw new ArgumentException(
                $"A buffer of shape [{string.Join(", ", shape)}] ({Length} elements) at offset {offset} does not fit " +
                $"an array of {array.Length} elements. Pass a larger array or a smaller shape.", nameof(array));
        }
        Array = array;
        Offset = offset;
    }

    public override DType DType => DTypes.Of<T>();

    public T[] Array { get; }

    public int Offset { get; }

    public Span<T> Span => Array.AsSpan(Offset, (int)Length);

    /// <summary>
    /// The buffer as a <see cref="Tensor{T}"/> over the same memory (no copy), the public array
    /// type results are returned as. A 0-d buffer becomes a 1-element, 1-d tensor. (The reverse,
    /// wrapping a Tensor without copying, needs its backing array, which Tensor does not expose:
    /// results are created here and handed out as tensors instead.)
    /// </summary>
    public Tensor<T> AsTensor()
    {
        var rank = Math.Max(Shape.Count, 1);
        var lengths = new nint[rank];
        var strides = new nint[rank];
        nint stride = 1;
        for (var k = rank - 1; k >= 0; k--)
        {
            lengths[k] = Shape.Count == 0 ? 1 : Shape[k];
            strides[k] = stride;
            stride *= lengths[k];
        }
        return Tensor.Create(Array, Offset, lengths, strides);
    }
}
