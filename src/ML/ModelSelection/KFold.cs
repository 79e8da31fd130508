using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.ModelSelection;

/// <summary>One fold: the arrays to fit on and the arrays to score on.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed record Fold<T>(BlockedArray<T> XTrain, BlockedArray<T> YTrain, BlockedArray<T> XTest, BlockedArray<T> YTest)
    where T : unmanaged;

/// <summary>k-fold cross-validation over contiguous row ranges, as scikit-learn's <c>KFold</c> without shuffling.</summary>
public static class KFold
{
    /// <summary>
    /// The <paramref name="folds"/> folds of (X, y): fold f tests rows [f·n/k, (f+1)·n/k) (the first
    /// n mod k folds one row longer, as scikit-learn) and trains on the rest. Lazy slices and
    /// concatenations: persist X and y first so every candidate shares the computed blocks.
    /// </summary>
    public static IReadOnlyList<Fold<T>> Split<T>(BlockedArray<T> x, BlockedArray<T> y, int folds = 5) where T : unmanaged
    {
        x = Design.Matrix(x, nameof(KFold));
        var column = Design.Target(x, y, nameof(KFold)).Reshape(x.Shape[0]);
        var n = x.Shape[0];
        if (folds < 2 || folds > n)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"KFold needs 2 ≤ folds ≤ samples ({n}); e.g. folds: 5.");
        }
        var result = new List<Fold<T>>(folds);
        long start = 0;
        for (var f = 0; f < folds; f++)
        {
            var size = n / folds + (f < n % folds ? 1 : 0);
            var stop = start + size;
            result.Add(new(Rest(x, start, stop, n), Rest(column, start, stop, n), x.Slice(0, start, stop), column.Slice(0, start, stop)));
            start = stop;
        }
        return result;
    }

    private static BlockedArray<T> Rest<T>(BlockedArray<T> a, long start, long stop, long n) where T : unmanaged
    {
        var parts = new List<BlockedArray<T>>(2);
        if (start > 0)
        {
            parts.Add(a.Slice(0, 0, start));
        }
        if (stop < n)
        {
            parts.Add(a.Slice(0, stop, n));
        }
        return parts.Count == 1 ? parts[0] : BlockedArray.Concatenate(parts, axis: 0);
    }
}
