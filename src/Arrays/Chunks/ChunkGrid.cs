namespace Tessera.Arrays;

/// <summary>
/// How an array is cut into blocks: one list of block sizes per axis (dask's <c>.chunks</c>).
/// The single source of truth for an array's shape, which is derived from it.
/// Immutable; equal grids compare equal. An axis may have blocks of unknown size (all of them
/// <see cref="UnknownSize"/>), as dask's NaN chunks after boolean-mask indexing.
/// </summary>
public sealed partial class ChunkGrid : IEquatable<ChunkGrid>
{
    private readonly long[][] _chunks;
    private readonly long[]?[] _offsets; // null on an axis of unknown block sizes

    /// <summary>
    /// A grid from explicit block sizes per axis, e.g. <c>[[3, 3, 1], [5]]</c> for shape (7, 5).
    /// An axis whose sizes are all <see cref="UnknownSize"/> has blocks of unknown size.
    /// </summary>
    public ChunkGrid(IReadOnlyList<IReadOnlyList<long>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        _chunks = new long[chunks.Count][];
        _offsets = new long[chunks.Count][];
        for (var axis = 0; axis < chunks.Count; axis++)
        {
            var sizes = chunks[axis].ToArray();
            if (sizes.Length > 0 && sizes.All(s => s == UnknownSize))
            {
                _chunks[axis] = sizes;
                continue;
            }
            if (sizes.Any(s => s < 0))
            {
                throw new ArgumentException(
                    $"Axis {axis} has a negative block size in [{string.Join(", ", sizes)}]. Block sizes must be 0 or more " +
                    $"(or all {UnknownSize} for an axis of unknown sizes).");
            }
            if (sizes.Length == 0)
            {
                throw new ArgumentException($"Axis {axis} has no blocks; an empty axis is one block of size 0: [0].");
            }
            _chunks[axis] = sizes;
            var offsets = new long[sizes.Length + 1];
            for (var b = 0; b < sizes.Length; b++)
            {
                offsets[b + 1] = offsets[b] + sizes[b];
            }
            _offsets[axis] = offsets;
        }
        Shape = [.. _offsets.Select(o => o is null ? UnknownSize : o[^1])];
        BlockCounts = [.. _chunks.Select(c => c.Length)];
        BlockCount = BlockCounts.Aggregate(1L, (a, b) => a * b);
    }

    /// <summary>Block sizes per axis.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Chunks => _chunks;

    /// <summary>The array's shape: the sum of block sizes on each axis, <see cref="UnknownSize"/> where they are unknown.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Number of axes.</summary>
    public int Rank => _chunks.Length;

    /// <summary>Blocks per axis (dask's <c>numblocks</c>).</summary>
    public IReadOnlyList<int> BlockCounts { get; }

    /// <summary>Total number of blocks.</summary>
    public long BlockCount { get; }

    /// <summary>Total number of elements.</summary>
    /// <exception cref="UnknownChunkSizesException">An axis has blocks of unknown size.</exception>
    public long ElementCount => RequireKnown("Counting the elements").Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>A grid of equal blocks of <paramref name="blockSizes"/> per axis; the last block on an axis may be smaller.</summary>
    public static ChunkGrid Regular(IReadOnlyList<long> shape, IReadOnlyList<long> blockSizes)
    {
        if (shape.Count != blockSizes.Count)
        {
            throw new ArgumentException(
                $"chunks has {blockSizes.Count} dimensions; the array has {shape.Count}. " +
                $"Pass one block size per axis, e.g. chunks: [{string.Join(", ", shape.Select(s => Math.Min(s, 1000)))}].");
        }
        var chunks = new long[shape.Count][];
        for (var axis = 0; axis < shape.Count; axis++)
        {
            chunks[axis] = Split(shape[axis], blockSizes[axis], axis);
        }
        return new ChunkGrid(chunks);
    }

    /// <summary>Sizes of the blocks that cut an axis of <paramref name="length"/> into pieces of <paramref name="size"/>.</summary>
    internal static long[] Split(long length, long size, int axis)
    {
        if (length < 0)
        {
            throw new ArgumentException($"Axis {axis} has negative length {length}.");
        }
        if (size < 1)
        {
            throw new ArgumentException($"Block size {size} on axis {axis} must be at least 1.");
        }
        if (length == 0)
        {
            return [0];
        }
        var count = (length + size - 1) / size;
        var sizes = new long[count];
        Array.Fill(sizes, size);
        sizes[^1] = length - (size * (count - 1));
        return sizes;
    }

    /// <summary>Shape of the block at <paramref name="index"/> (one block number per axis; <see cref="UnknownSize"/> on unknown axes).</summary>
    public long[] BlockShape(ReadOnlySpan<int> index)
    {
        CheckIndex(index);
        var shape = new long[Rank];
        for (var axis = 0; axis < Rank; axis++)
        {
            shape[axis] = _chunks[axis][index[axis]];
        }
        return shape;
    }

    /// <summary>Where the block at <paramref name="index"/> starts, in elements per axis.</summary>
    public long[] BlockOffset(ReadOnlySpan<int> index)
    {
        CheckIndex(index);
        var offset = new long[Rank];
        for (var axis = 0; axis < Rank; axis++)
        {
            offset[axis] = KnownOffsets(axis, "Locating a block")[index[axis]];
        }
        return offset;
    }

    /// <summary>Start of each block on <paramref name="axis"/>, plus the axis length at the end.</summary>
    /// <exception cref="UnknownChunkSizesException">The axis has blocks of unknown size.</exception>
    public IReadOnlyList<long> Boundaries(int axis) => KnownOffsets(axis, "Finding block boundaries");

    /// <summary>Every block index in row-major order (the last axis fastest).</summary>
    public IEnumerable<int[]> BlockIndices()
    {
        if (BlockCount == 0)
        {
            yield break;
        }
        var index = new int[Rank];
        while (true)
        {
            yield return (int[])index.Clone();
            var axis = Rank - 1;
            for (; axis >= 0 && ++index[axis] == BlockCounts[axis]; axis--)
            {
                index[axis] = 0;
            }
            if (axis < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The row-major position of block <paramref name="index"/> among all blocks.</summary>
    public long LinearIndex(ReadOnlySpan<int> index)
    {
        CheckIndex(index);
        long linear = 0;
        for (var axis = 0; axis < Rank; axis++)
        {
            linear = (linear * BlockCounts[axis]) + index[axis];
        }
        return linear;
    }

    private void CheckIndex(ReadOnlySpan<int> index)
    {
        if (index.Length != Rank)
        {
            throw new ArgumentException($"A block index of {index.Length} numbers was given for a grid of {Rank} axes.");
        }
        for (var axis = 0; axis < Rank; axis++)
        {
            if ((uint)index[axis] >= (uint)BlockCounts[axis])
            {
                throw new ArgumentOutOfRangeException(nameof(index),
                    $"Block {index[axis]} on axis {axis} does not exist; that axis has {BlockCounts[axis]} blocks.");
            }
        }
    }
}
