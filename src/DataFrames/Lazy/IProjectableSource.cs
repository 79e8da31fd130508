namespace Tessera.DataFrames.Lazy;

/// <summary>
/// A file source that can read fewer columns: a query that knows which columns it needs (a
/// group-by: its keys and aggregated columns) reads only those, as dask's column projection does.
/// Parquet then fetches only those column chunks; CSV converts only those fields.
/// </summary>
internal interface IProjectableSource
{
    /// <summary>
    /// This source reading only <paramref name="columns"/> (a subset of its schema), in its own
    /// column order; this node itself when that is every column.
    /// </summary>
    FrameNode Project(IReadOnlyCollection<string> columns);
}
