using Tessera.Arrays;

namespace Tessera.ML.Internal;

/// <summary>
/// Checks on the arrays estimators take: a design matrix is 2-D with one chunk along its
/// columns (a block is whole rows, as dask-ml requires), targets are 1-D with as many rows.
/// </summary>
internal static class Design
{
    /// <summary>X itself, or X rechunked to one column chunk; throws for the wrong rank or no rows.</summary>
    public static BlockedArray<T> Matrix<T>(BlockedArray<T> x, string estimator) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
        {
            throw new ArgumentException(
                $"{estimator} takes a 2-D array (samples × features); got {x.Rank} dimensions, shape ({string.Join(", ", x.Shape)}). " +
                "Reshape a single feature with x.Reshape(n, 1).", nameof(x));
        }
        if (x.Shape[0] == 0 || x.Shape[1] == 0)
        {
            throw new ArgumentException(
                $"{estimator} needs at least one sample and one feature; got shape ({x.Shape[0]}, {x.Shape[1]}).", nameof(x));
        }
        // A block must hold whole rows: per-block partials (Gram matrices, distances) need every feature.
        return x.Chunks.BlockCounts[1] == 1 ? x : x.Rechunk(new Dictionary<int, long> { [1] = x.Shape[1] });
    }

    /// <summary>y as a column (n × 1) chunked along rows as <paramref name="x"/>; throws when the lengths differ.</summary>
    public static BlockedArray<T> Target<T>(BlockedArray<T> x, BlockedArray<T> y, string estimator) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Rank != 1 || y.Shape[0] != x.Shape[0])
        {
            throw new ArgumentException(
                $"{estimator} takes y as a 1-D array with one value per sample ({x.Shape[0]}); got shape ({string.Join(", ", y.Shape)}). " +
                "Pass the target column as a 1-D array chunked like X's rows.", nameof(y));
        }
        var column = y.Reshape(y.Shape[0], 1);
        return column.Chunks.Chunks[0].SequenceEqual(x.Chunks.Chunks[0])
            ? column
            : column.Rechunk(ChunkSpec.Explicit([.. x.Chunks.Chunks[0]], [1]));
    }

    /// <summary>Throws unless the model was fitted, naming the call that fits it.</summary>
    public static TValue Fitted<TValue>(TValue? value, string estimator) where TValue : class =>
        value ?? throw new InvalidOperationException($"This {estimator} is not fitted yet. Call Fit(x) (or FitTransform) before using it.");

    /// <summary>Throws unless <paramref name="features"/> is the feature count seen in Fit.</summary>
    public static void SameFeatures(long features, int fitted, string estimator)
    {
        if (features != fitted)
        {
            throw new ArgumentException(
                $"{estimator} was fitted on {fitted} features; this array has {features}. Transform arrays with the columns Fit saw.");
        }
    }
}
