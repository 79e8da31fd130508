using Tessera.Bags;

namespace Tessera.DataFrames;

/// <summary>From the Bag collection to the DataFrame collection (dask's <c>bag.to_dataframe()</c>).</summary>
public static class BagConversions
{
    /// <summary>
    /// A lazy frame with one partition per partition of <paramref name="bag"/>: each element is a
    /// row, each public readable property of <typeparamref name="T"/> a column (as
    /// <see cref="DataFrame.FromRecords{T}(IEnumerable{T}, int)"/>). The columns come from the type,
    /// so nothing is computed until the frame is.
    /// </summary>
    public static DataFrame ToDataFrame<T>(this Bag<T> bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var meta = DataFrame.RecordFrame(Array.Empty<T>()).Schema;
        return DataFrame.FromDelayed([.. bag.ToDelayed().Select(partition => partition.Then(DataFrame.RecordFrame))], meta);
    }
}
