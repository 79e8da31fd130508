namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>The array seen block by block: <c>x.Blocks[i, j]</c> is block (i, j) as a lazy array (dask's <c>x.blocks</c>).</summary>
    public BlockSelection<TElement> Blocks => new(this);

    /// <summary>Blocks per axis (dask's <c>numblocks</c>).</summary>
    public IReadOnlyList<int> NumBlocks => Chunks.BlockCounts;
}
