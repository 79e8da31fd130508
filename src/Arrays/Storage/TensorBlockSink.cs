using System.Buffers;
using System.Numerics.Tensors;

namespace Tessera.Arrays;

/// <summary>A sink over a preallocated <see cref="Tensor{T}"/> of the array's shape.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class TensorBlockSink<T>(Tensor<T> target) : IBlockSink<T> where T : unmanaged
{
    private readonly Tensor<T> _target = target ?? throw new ArgumentNullException(nameof(target));

    /// <inheritdoc />
    public IReadOnlyList<long> Shape => [.. _target.Lengths.ToArray().Select(l => (long)l)];

    /// <inheritdoc />
    public void Write(long[] offset, long[] shape, ReadOnlySpan<T> values)
    {
        ArgumentNullException.ThrowIfNull(offset);
        ArgumentNullException.ThrowIfNull(shape);
        var region = _target.AsTensorSpan([.. offset.Select((o, d) => new NRange((nint)o, (nint)(o + shape[d])))]);
        var lengths = shape.Select(s => (nint)s).ToArray();
        var strides = new nint[lengths.Length];
        nint stride = 1;
        for (var d = lengths.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= lengths[d];
        }
        new ReadOnlyTensorSpan<T>(values, lengths, strides).CopyTo(region);
    }
}
