namespace Tessera.Arrays;

/// <summary>
/// Which blocks of one axis <c>x.Blocks[...]</c> takes: one block (<c>2</c>, <c>^1</c>), a range
/// (<c>1..3</c>, <c>..</c>) or a list (<c>new[] { 0, 2 }</c>). Converted implicitly, so
/// <c>x.Blocks[0, 1..]</c> reads as in dask.
/// </summary>
public readonly struct BlockSelector
{
    private readonly Index? _index;
    private readonly Range? _range;
    private readonly int[]? _list;

    private BlockSelector(Index? index, Range? range, int[]? list)
    {
        _index = index;
        _range = range;
        _list = list;
    }

    /// <summary>Block <paramref name="block"/>; negative counts from the end, as in Python.</summary>
    public static implicit operator BlockSelector(int block) =>
        new(block < 0 ? Index.FromEnd(-block) : Index.FromStart(block), null, null);

    /// <summary>One block, e.g. <c>^1</c> for the last.</summary>
    public static implicit operator BlockSelector(Index block) => new(block, null, null);

    /// <summary>A range of blocks, e.g. <c>1..3</c> or <c>..</c>.</summary>
    public static implicit operator BlockSelector(Range blocks) => new(null, blocks, null);

    /// <summary>The listed blocks, in the order given (negative counts from the end).</summary>
    public static implicit operator BlockSelector(int[] blocks) => new(null, null, (int[])blocks.Clone());

    /// <summary>Every block of an axis.</summary>
    public static BlockSelector All => new(null, Range.All, null);

    /// <summary>The block numbers selected on <paramref name="axis"/>, which has <paramref name="count"/> blocks.</summary>
    internal int[] Resolve(int count, int axis)
    {
        int Check(int block, string given)
        {
            if (block < 0 || block >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(axis),
                    $"Block {given} is out of range on axis {axis}, which has {count} blocks; use 0..{count - 1} (or negative from the end).");
            }
            return block;
        }

        if (_index is { } index)
        {
            return [Check(index.GetOffset(count), index.ToString())];
        }
        if (_list is { } list)
        {
            return [.. list.Select(b => Check(b < 0 ? b + count : b, b.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        }
        var range = _range ?? Range.All;
        var start = range.Start.GetOffset(count);
        var end = range.End.GetOffset(count);
        if (start < 0 || end > count || start > end)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"Blocks {range} are out of range on axis {axis}, which has {count} blocks.");
        }
        return [.. Enumerable.Range(start, end - start)];
    }
}
