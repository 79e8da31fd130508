namespace Tessera.Arrays.Storage;

/// <summary>
/// A sink that can take a block a band of rows (a range along axis 0) at a time, so that a
/// producer computing the block band by band never holds the whole block (see
/// <see cref="ElementwiseStore"/>).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IRowBandSink<T> : IBlockSink<T> where T : unmanaged
{
    /// <summary>
    /// Starts the block at <paramref name="offset"/> of <paramref name="shape"/> for writing in
    /// bands, or returns null when this block must be written whole with <see cref="IBlockSink{T}.Write"/>.
    /// </summary>
    IRowBands<T>? BeginRowBands(long[] offset, long[] shape);
}

/// <summary>One block being written in bands of whole rows.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IRowBands<T> where T : unmanaged
{
    /// <summary>Writes rows <paramref name="firstRow"/> onward of the block (row-major, whole rows).</summary>
    void Write(long firstRow, ReadOnlySpan<T> rows);

    /// <summary>Ends the block, once every row was written.</summary>
    void Complete();
}
