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

    /// <summary>
    /// Element strides of a strided view (one per axis, into the wrapped array), or null for the
    /// usual row-major contiguous window. Strided views exist only inside a task that reads them
    /// through the fused reader (reductions over inner-axis chunks of an array in memory).
    /// </summary>
    public long[]? Strides { get; private protected init; }

    /// <summary>
    /// Element strides for reading this buffer as <paramref name="target"/> (broadcast axes 0):
    /// the buffer's own strides for a strided view, else row-major ones.
    /// </summary>
    public long[] ReadStrides(IReadOnlyList<int> target, string what)
    {
        var strides = Shapes.BroadcastStrides(_shape, target, what);
        if (Strides is { } own)
        {
            for (var k = 0; k < target.Count; k++)
            {
                var sk = k - (target.Count - _shape.Length);
                if (sk >= 0 && strides[k] != 0)
                {
                    strides[k] = own[sk];
                }
            }
        }
        return strides;
    }

    /// <summary>Wraps <paramref name="array"/> as a buffer of <paramref name="shape"/> (no copy).</summary>
    public static CpuBuffer<T> Wrap<T>(T[] array, params int[] shape) => new(array, 0, shape);

    /// <summary>Wraps a window of <paramref name="array"/> starting at <paramref name="offset"/> (no copy).</summary>
    public static CpuBuffer<T> Wrap<T>(T[] array, int offset, int[] shape) => new(array, offset, shape);

    /// <summary>
    /// A view of <paramref name="array"/> from <paramref name="offset"/> with element
    /// <paramref name="strides"/> (no copy): e.g. a column block of a row-major matrix. A view
    /// that is in fact one row-major window comes back as a plain (contiguous) buffer.
    /// </summary>
    public static CpuBuffer<T> View<T>(T[] array, int offset, int[] shape, long[] strides)
    {
        ArgumentNullException.ThrowIfNull(strides);
        Shapes.Check(shape);
        if (strides.Length != shape.Length)
        {
            throw new ArgumentException(
                $"A view of shape [{string.Join(", ", shape)}] needs one stride per axis, but {strides.Length} were given.", nameof(strides));
        }
        long rowMajor = 1;
        var contiguous = true;
        for (var k = shape.Length - 1; k >= 0; k--)
        {
            if (strides[k] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(strides), strides[k], $"Stride {k} is negative; views step forward only.");
            }
            contiguous &= shape[k] == 1 || strides[k] == rowMajor;
            rowMajor *= shape[k];
        }
        return contiguous || rowMajor == 0 ? new(array, offset, shape) : new(array, offset, shape, strides);
    }

    public static CpuBuffer Allocate(DType dtype, int[] shape) =>
        Types.ElementTypeSwitch.Visit<Allocation, CpuBuffer>(dtype, new(shape));

    private readonly struct Allocation(int[] shape) : Types.IElementTypeVisitor<CpuBuffer>
    {
        public CpuBuffer Visit<T>() where T : unmanaged =>
            new CpuBuffer<T>(HostArrays.Allocate<T>(Shapes.Length(shape), zeroed: true), 0, shape);
    }

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

    /// <summary>A strided view (use <see cref="CpuBuffer.View{T}"/>): the last element it reaches must lie in the array.</summary>
    internal CpuBuffer(T[] array, int offset, int[] shape, long[] strides)
        : base((int[])shape.Clone(), Shapes.Length(shape))
    {
        ArgumentNullException.ThrowIfNull(array);
        var last = (long)offset;
        for (var k = 0; k < shape.Length; k++)
        {
            last += (shape[k] - 1) * strides[k];
        }
        if (offset < 0 || last >= array.Length)
        {
            throw new ArgumentException(
                $"A view of shape [{string.Join(", ", shape)}] with strides [{string.Join(", ", strides)}] at offset {offset} " +
                $"reaches element {last}, past the array's {array.Length} elements.", nameof(array));
        }
        Array = array;
        Offset = offset;
        Strides = (long[])strides.Clone();
    }

    public override DType DType => DTypes.Of<T>();

    public T[] Array { get; }

    public int Offset { get; }

    /// <summary>The elements, row-major. A strided view has no single span: read it through the fused reader.</summary>
    public Span<T> Span => Strides is null ? Array.AsSpan(Offset, (int)Length)
        : throw new InvalidOperationException(
            $"{this} is a strided view (strides [{string.Join(", ", Strides)}]) and has no contiguous span; " +
            "read it through a reduction or gather it first. This is a bug in the layer that passed it here.");

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
            strides[k] = Strides is { } own ? (nint)own[k] : stride;
            stride *= lengths[k];
        }
        return Tensor.Create(Array, Offset, lengths, strides);
    }
}
