namespace Tessera.Arrays;

/// <summary>A sink over a preallocated row-major <c>T[]</c> of a given shape.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ArrayBlockSink<T> : IBlockSink<T> where T : unmanaged
{
    private readonly T[] _target;
    private readonly long[] _shape;

    /// <summary>A sink writing into <paramref name="target"/>, read as row-major of <paramref name="shape"/>.</summary>
    public ArrayBlockSink(T[] target, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(shape);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != target.Length)
        {
            throw new ArgumentException(
                $"Shape ({string.Join(", ", shape)}) holds {count} elements, but the target array has {target.Length}.", nameof(target));
        }
        _target = target;
        _shape = [.. shape];
    }

    /// <inheritdoc />
    public IReadOnlyList<long> Shape => _shape;

    /// <inheritdoc />
    public void Write(long[] offset, long[] shape, ReadOnlySpan<T> values) => RegionWriter.Write(values, shape, offset, _target, _shape);
}

/// <summary>Copies a row-major block into a row-major whole, one contiguous run per row of the block.</summary>
internal static class RegionWriter
{
    public static void Write<T>(ReadOnlySpan<T> block, long[] shape, long[] offset, Span<T> whole, IReadOnlyList<long> wholeShape)
    {
        var rank = shape.Length;
        if (offset.Length != rank || wholeShape.Count != rank)
        {
            throw new ArgumentException(
                $"A block of {rank} axes (offset of {offset.Length}) cannot be written into a target of {wholeShape.Count} axes.");
        }
        for (var d = 0; d < rank; d++)
        {
            if (offset[d] < 0 || offset[d] + shape[d] > wholeShape[d])
            {
                throw new ArgumentOutOfRangeException(nameof(offset),
                    $"The block at offset ({string.Join(", ", offset)}) of shape ({string.Join(", ", shape)}) reaches past the target's shape ({string.Join(", ", wholeShape)}) on axis {d}.");
            }
        }
        if (block.IsEmpty)
        {
            return;
        }
        var run = rank == 0 ? 1 : (int)shape[rank - 1];
        var rows = block.Length / run;
        var index = new long[rank];
        for (var row = 0; row < rows; row++)
        {
            long target = 0;
            for (var d = 0; d < rank; d++)
            {
                target = (target * wholeShape[d]) + offset[d] + index[d];
            }
            block.Slice(row * run, run).CopyTo(whole.Slice((int)target, run));
            for (var d = rank - 2; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }
    }
}
