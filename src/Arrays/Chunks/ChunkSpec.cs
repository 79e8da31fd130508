using System.Collections;
using System.Runtime.CompilerServices;

namespace Tessera.Arrays;

/// <summary>
/// What a user asks for as chunks: a block size per axis (<c>chunks: [1000, 1000]</c>, with -1
/// meaning the whole axis), explicit block lists per axis, or automatic sizing to a byte
/// target (128 MiB by default, as in Dask). Resolved against a shape into a <see cref="ChunkGrid"/>.
/// </summary>
[CollectionBuilder(typeof(ChunkSpec), nameof(Create))]
public readonly struct ChunkSpec : IEnumerable<long>
{
    /// <summary>The byte target of automatic chunking: 128 MiB, as dask's <c>array.chunk-size</c>.</summary>
    public const long DefaultTargetBytes = 128L << 20;

    private readonly long[]? _sizes;
    private readonly long[][]? _explicit;
    private readonly long _targetBytes;

    private ChunkSpec(long[]? sizes, long[][]? explicitChunks, long targetBytes)
    {
        _sizes = sizes;
        _explicit = explicitChunks;
        _targetBytes = targetBytes;
    }

    /// <summary>Automatic chunks of about 128 MiB. Also what <c>default(ChunkSpec)</c> means.</summary>
    public static ChunkSpec Auto => default;

    /// <summary>Automatic chunks of about <paramref name="targetBytes"/> bytes each.</summary>
    public static ChunkSpec AutoWithTarget(long targetBytes) =>
        targetBytes >= 1 ? new(null, null, targetBytes)
            : throw new ArgumentOutOfRangeException(nameof(targetBytes), targetBytes, "The chunk byte target must be positive.");

    /// <summary>One block size per axis; -1 takes the whole axis. Used by collection expressions: <c>[1000, -1]</c>.</summary>
    public static ChunkSpec Create(ReadOnlySpan<long> sizes) => new(sizes.ToArray(), null, 0);

    /// <summary>Explicit block sizes per axis, e.g. <c>[[3, 3, 1], [5]]</c>.</summary>
    public static ChunkSpec Explicit(params long[][] chunks) => new(null, [.. chunks.Select(c => c.ToArray())], 0);

    /// <summary>A grid from an existing one (e.g. to match another array's chunks).</summary>
    public static implicit operator ChunkSpec(ChunkGrid grid) => Explicit([.. grid.Chunks.Select(c => c.ToArray())]);

    /// <summary>True for automatic sizing.</summary>
    public bool IsAuto => _sizes is null && _explicit is null;

    /// <summary>True for <c>default(ChunkSpec)</c>: nothing asked, so a source may keep its own storage chunks.</summary>
    internal bool IsUnspecified => IsAuto && _targetBytes == 0;

    /// <summary>
    /// The grid for an array of <paramref name="shape"/> with <paramref name="elementSize"/>-byte
    /// elements. <paramref name="storageChunks"/> (e.g. an HDF5 dataset's chunks) make automatic
    /// blocks whole multiples of them, so no storage chunk is read twice.
    /// </summary>
    public ChunkGrid Resolve(IReadOnlyList<long> shape, int elementSize, IReadOnlyList<long>? storageChunks = null)
    {
        if (_explicit is not null)
        {
            var grid = new ChunkGrid(_explicit);
            if (!grid.Shape.SequenceEqual(shape))
            {
                throw new ArgumentException(
                    $"The explicit chunks {grid} add up to shape ({string.Join(", ", grid.Shape)}), but the array has shape ({string.Join(", ", shape)}).");
            }
            return grid;
        }
        if (_sizes is not null)
        {
            if (_sizes.Length != shape.Count)
            {
                throw new ArgumentException(
                    $"chunks has {_sizes.Length} dimensions; the array has {shape.Count}. " +
                    $"Pass one block size per axis, e.g. chunks: [{string.Join(", ", shape.Select(s => Math.Min(s, 1000)))}].");
            }
            return ChunkGrid.Regular(shape, [.. _sizes.Select((s, axis) => s == -1 ? Math.Max(1, shape[axis]) : s)]);
        }
        return AutoChunking.Resolve(shape, elementSize, _targetBytes > 0 ? _targetBytes : DefaultTargetBytes, storageChunks);
    }

    /// <summary>The per-axis sizes this spec was built from (empty for automatic or explicit specs).</summary>
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)(_sizes ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() =>
        _explicit is not null ? $"explicit {new ChunkGrid(_explicit)}"
        : _sizes is not null ? $"[{string.Join(", ", _sizes)}]"
        : $"auto ({(_targetBytes > 0 ? _targetBytes : DefaultTargetBytes) >> 20} MiB)";
}
