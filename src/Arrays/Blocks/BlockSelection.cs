using Tessera.Arrays.Blocks;

namespace Tessera.Arrays;

/// <summary>
/// An array seen block by block (dask's <c>x.blocks</c>): <c>x.Blocks[1, 0..2]</c> is a lazy
/// array made of those blocks, in that order. Integers keep their axis (a block of a 2-D
/// array is 2-D), as in dask.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class BlockSelection<T> where T : unmanaged
{
    private readonly BlockedArray<T> _array;

    internal BlockSelection(BlockedArray<T> array) => _array = array;

    /// <summary>The selected blocks, one selector per axis (missing trailing axes take every block). Nothing is computed.</summary>
    public BlockedArray<T> this[params BlockSelector[] selectors]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(selectors);
            var rank = _array.Rank;
            if (selectors.Length > rank)
            {
                throw new ArgumentOutOfRangeException(nameof(selectors),
                    $"{selectors.Length} block selectors were given for an array of {rank} axes; give at most one per axis.");
            }
            var picks = new int[rank][];
            for (var d = 0; d < rank; d++)
            {
                picks[d] = (d < selectors.Length ? selectors[d] : BlockSelector.All).Resolve(_array.Chunks.BlockCounts[d], d);
                if (picks[d].Length == 0)
                {
                    throw new ArgumentException(
                        $"The selection takes no blocks on axis {d} (of {_array.Chunks.BlockCounts[d]}); select at least one.", nameof(selectors));
                }
            }
            return new(BlockSelectNode.Select(_array.Node, picks));
        }
    }
}
