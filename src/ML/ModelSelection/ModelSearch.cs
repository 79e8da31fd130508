using Tessera.Arrays;

namespace Tessera.ML.ModelSelection;

/// <summary>Fits a model with <paramref name="parameters"/> on the training arrays and returns its score on the test arrays (higher is better).</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate double FitAndScore<T>(IReadOnlyDictionary<string, object> parameters, Fold<T> fold) where T : unmanaged;

/// <summary>One candidate's cross-validated result.</summary>
/// <param name="Parameters">The parameter values tried.</param>
/// <param name="MeanScore">The mean of the fold scores.</param>
/// <param name="FoldScores">The score on each fold, in fold order.</param>
public sealed record CandidateResult(IReadOnlyDictionary<string, object> Parameters, double MeanScore, IReadOnlyList<double> FoldScores);

/// <summary>What a search found: the best candidate and every candidate's result, in the order tried.</summary>
/// <param name="Best">The candidate with the highest mean score (the first one on ties).</param>
/// <param name="Candidates">All candidates.</param>
public sealed record SearchResult(CandidateResult Best, IReadOnlyList<CandidateResult> Candidates);

/// <summary>
/// dask-ml's <c>GridSearchCV</c> and <c>RandomizedSearchCV</c>: every candidate × fold pair is
/// an independent task, run in parallel; the folds are built once and shared, so persisting X
/// and y first makes every task read the same computed blocks.
/// </summary>
public static partial class ModelSearch
{
    /// <summary>Tries every combination of <paramref name="space"/>'s values with <paramref name="folds"/>-fold cross-validation.</summary>
    public static SearchResult Grid<T>(IReadOnlyDictionary<string, object[]> space, FitAndScore<T> fitAndScore,
        BlockedArray<T> x, BlockedArray<T> y, int folds = 5, int? maxParallel = null) where T : unmanaged =>
        Run(Combinations(space), fitAndScore, x, y, folds, maxParallel);

    /// <summary>Tries <paramref name="candidates"/> combinations drawn without repetition from <paramref name="space"/> (seeded).</summary>
    public static SearchResult Randomized<T>(IReadOnlyDictionary<string, object[]> space, FitAndScore<T> fitAndScore,
        BlockedArray<T> x, BlockedArray<T> y, int candidates, int seed = 0, int folds = 5, int? maxParallel = null) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        var all = Combinations(space).ToArray();
        new Random(seed).Shuffle(all);
        return Run(all.Take(candidates).ToList(), fitAndScore, x, y, folds, maxParallel);
    }

    private static SearchResult Run<T>(IReadOnlyList<IReadOnlyDictionary<string, object>> candidates, FitAndScore<T> fitAndScore,
        BlockedArray<T> x, BlockedArray<T> y, int folds, int? maxParallel) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(fitAndScore);
        var split = KFold.Split(x, y, folds);
        var scores = new double[candidates.Count, split.Count];
        var work = Enumerable.Range(0, candidates.Count).SelectMany(c => Enumerable.Range(0, split.Count).Select(f => (c, f)));
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = maxParallel ?? Environment.ProcessorCount },
            pair => scores[pair.c, pair.f] = fitAndScore(candidates[pair.c], split[pair.f]));
        var results = candidates.Select((p, c) =>
        {
            var foldScores = Enumerable.Range(0, split.Count).Select(f => scores[c, f]).ToArray();
            return new CandidateResult(p, foldScores.Average(), foldScores);
        }).ToList();
        var best = results.Aggregate((a, b) => b.MeanScore > a.MeanScore ? b : a);
        return new(best, results);
    }

    private static List<IReadOnlyDictionary<string, object>> Combinations(IReadOnlyDictionary<string, object[]> space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Count == 0 || space.Any(p => p.Value is not { Length: > 0 }))
        {
            throw new ArgumentException(
                "The parameter space needs at least one parameter, each with at least one value, e.g. { [\"C\"] = [0.1, 1.0, 10.0] }.",
                nameof(space));
        }
        IEnumerable<IReadOnlyDictionary<string, object>> combos = [new Dictionary<string, object>()];
        foreach (var (name, values) in space.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            combos = combos.SelectMany(c => values.Select(v => (IReadOnlyDictionary<string, object>)new Dictionary<string, object>(c) { [name] = v }));
        }
        return [.. combos];
    }
}
