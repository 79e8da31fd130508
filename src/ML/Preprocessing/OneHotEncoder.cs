using Apache.Arrow;
using Tessera.DataFrames;

namespace Tessera.ML.Preprocessing;

/// <summary>
/// One-hot encodes a categorical DataFrame column, as scikit-learn's and dask-ml's
/// <c>OneHotEncoder</c>: Fit finds the distinct values (one blocked <c>ValueCounts</c>) and sorts
/// them; Transform is lazy, one map over the partitions that replaces the column by one float64
/// indicator column per category, named <c>column_value</c> (scikit-learn's feature names).
/// </summary>
public sealed class OneHotEncoder
{
    /// <summary>Encode values not seen in Fit (and nulls) as all zeros instead of failing (scikit-learn's handle_unknown='ignore').</summary>
    public bool IgnoreUnknown { get; init; }

    /// <summary>The encoded column's name, set by Fit.</summary>
    public string? Column { get; private set; }

    /// <summary>The categories in output order (sorted), set by Fit.</summary>
    public IReadOnlyList<object>? Categories { get; private set; }

    /// <summary>The names of the indicator columns Transform adds.</summary>
    public IReadOnlyList<string> FeatureNames => [.. (Categories ?? []).Select(c => $"{Column}_{c}")];

    /// <summary>Finds the distinct non-null values of <paramref name="column"/>.</summary>
    public OneHotEncoder Fit(DataFrame frame, string column, ComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.Columns.Contains(column))
        {
            throw new ArgumentException(
                $"The frame has no column '{column}'; its columns are {string.Join(", ", frame.Columns)}. Pass one of them.", nameof(column));
        }
        var counts = frame[column].ValueCounts().Compute(options);
        var values = Enumerable.Range(0, counts.RowCount).Select(r => counts.GetValue(column, r)!).ToList();
        values.Sort((a, b) => a is string sa && b is string sb ? string.CompareOrdinal(sa, sb) : Comparer<object>.Default.Compare(a, b));
        Column = column;
        Categories = values;
        return this;
    }

    /// <summary>The frame with the column replaced by its indicator columns, lazily.</summary>
    public DataFrame Transform(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var categories = Categories ?? throw new InvalidOperationException("This OneHotEncoder is not fitted yet. Call Fit(frame, column) first.");
        var column = Column!;
        var index = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var names = FeatureNames;
        var ignore = IgnoreUnknown;
        return frame.MapPartitions(part =>
        {
            var rows = part.RowCount;
            var indicators = new double[categories.Count][];
            for (var c = 0; c < indicators.Length; c++)
            {
                indicators[c] = new double[rows];
            }
            for (var r = 0; r < rows; r++)
            {
                var value = part.GetValue(column, r);
                if (value is not null && index.TryGetValue(value, out var c))
                {
                    indicators[c][r] = 1;
                }
                else if (!ignore)
                {
                    throw new InvalidOperationException(
                        $"Column '{column}' holds {(value is null ? "a null" : $"'{value}'")}, which Fit did not see (categories: " +
                        $"{string.Join(", ", categories.Take(10))}{(categories.Count > 10 ? ", ..." : "")}). Refit on data with every category, " +
                        "or set IgnoreUnknown = true to encode it as all zeros.");
                }
            }
            var result = part.Drop(column);
            for (var c = 0; c < indicators.Length; c++)
            {
                result = result.Assign(names[c], new DoubleArray.Builder().AppendRange(indicators[c]).Build());
            }
            return result;
        });
    }

    /// <summary>Fit, then Transform.</summary>
    public DataFrame FitTransform(DataFrame frame, string column, ComputeOptions? options = null) =>
        Fit(frame, column, options).Transform(frame);
}
