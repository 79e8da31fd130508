using Tessera.Arrays;
using Tessera.ML.Internal;
using Tessera.ML.Wrappers;

namespace Tessera.ML.ModelSelection;

/// <summary>One candidate's score at the end of a successive-halving round.</summary>
/// <param name="Parameters">The candidate's parameter values.</param>
/// <param name="Score">Its score after the round's training (higher is better).</param>
public sealed record CandidateScore(IReadOnlyDictionary<string, object> Parameters, double Score);

/// <summary>One round of successive halving.</summary>
/// <param name="Round">0 for the first round.</param>
/// <param name="Blocks">Row blocks each surviving candidate had been fed in total when it was scored (its budget).</param>
/// <param name="Scores">The round's candidates, best first.</param>
public sealed record HalvingRound(int Round, int Blocks, IReadOnlyList<CandidateScore> Scores);

/// <summary>What successive halving found: the last round's best candidate, its trained model, and every round.</summary>
/// <typeparam name="TModel">The model type.</typeparam>
public sealed record HalvingResult<TModel>(
    IReadOnlyDictionary<string, object> BestParameters, TModel BestModel, double BestScore, IReadOnlyList<HalvingRound> Rounds);

public static partial class ModelSearch
{
    /// <summary>
    /// dask-ml's <c>SuccessiveHalvingSearchCV</c> for incremental models: <paramref name="candidates"/> parameter
    /// combinations (drawn without repetition, seeded) are each trained on <paramref name="initialBlocks"/> row blocks
    /// and scored; the best ⌊n/eta⌋ go on, each trained further (from where it stopped) to eta times as many blocks,
    /// and so on: round i keeps ⌊n/etaⁱ⌋ candidates with a budget of initialBlocks · etaⁱ blocks, for i = 0 … ⌊log_eta n⌋,
    /// the last round holding one candidate. Blocks are fed in order, from the first again after the last (epochs).
    /// </summary>
    /// <remarks>
    /// Each block is computed once per round and fed to every candidate that needs it, the candidates in parallel,
    /// so memory holds one block (and the models) at a time.
    /// </remarks>
    /// <param name="space">Parameter names and the values each may take.</param>
    /// <param name="candidates">How many combinations to start with (at most the number the space has).</param>
    /// <param name="create">Makes an untrained model from one combination.</param>
    /// <param name="score">Scores a model (on held-out data; higher is better).</param>
    /// <param name="x">Training samples, fed by row block.</param>
    /// <param name="y">Training targets.</param>
    /// <param name="initialBlocks">Blocks each candidate is fed in the first round (dask-ml's n_initial_iter).</param>
    /// <param name="eta">The factor that divides the candidates and multiplies the budget each round (dask-ml's aggressiveness).</param>
    /// <param name="seed">Seeds the draw of combinations.</param>
    /// <param name="maxParallel">Candidates trained or scored at once (default: the processor count).</param>
    /// <param name="options">Options for computing the blocks.</param>
    public static HalvingResult<TModel> SuccessiveHalving<T, TModel>(IReadOnlyDictionary<string, object[]> space, int candidates,
        Func<IReadOnlyDictionary<string, object>, TModel> create, Func<TModel, double> score, BlockedArray<T> x, BlockedArray<T> y,
        int initialBlocks = 1, int eta = 3, int seed = 0, int? maxParallel = null, ComputeOptions? options = null)
        where T : unmanaged
        where TModel : IIncrementalModel<T>
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(score);
        if (candidates < 1 || initialBlocks < 1 || eta < 2)
        {
            throw new ArgumentException(
                $"Successive halving needs candidates ≥ 1, initialBlocks ≥ 1 and eta ≥ 2; got candidates = {candidates}, " +
                $"initialBlocks = {initialBlocks}, eta = {eta}. eta = 3 keeps the best third each round.");
        }
        x = Design.Matrix(x, nameof(SuccessiveHalving));
        var column = Design.Target(x, y, nameof(SuccessiveHalving)).Reshape(x.Shape[0]);
        var bounds = x.Chunks.Boundaries(0);
        var all = Combinations(space).ToArray();
        new Random(seed).Shuffle(all);
        var alive = all.Take(candidates).Select(p => (Parameters: p, Model: create(p), Fed: 0)).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallel ?? Environment.ProcessorCount };
        var rounds = new List<HalvingRound>();
        var n = alive.Count;
        for (var round = 0; ; round++)
        {
            var budget = checked(initialBlocks * (int)Math.Pow(eta, round));
            // Feed blocks Fed … budget − 1 (mod the block count); every survivor has been fed the same so far.
            for (var step = alive[0].Fed; step < budget; step++)
            {
                var b = step % (bounds.Count - 1);
                var xb = x.Slice(0, bounds[b], bounds[b + 1]).Compute(options);
                var yb = column.Slice(0, bounds[b], bounds[b + 1]).Compute(options);
                Parallel.ForEach(alive, parallel, c => c.Model.PartialFit(xb, yb));
            }
            alive = [.. alive.Select(c => c with { Fed = budget })];
            var scores = new double[alive.Count];
            Parallel.For(0, alive.Count, parallel, i => scores[i] = score(alive[i].Model));
            // A stable sort: ties keep the draw's order.
            var ranked = Enumerable.Range(0, alive.Count).OrderByDescending(i => scores[i]).ToArray();
            rounds.Add(new(round, budget, [.. ranked.Select(i => new CandidateScore(alive[i].Parameters, scores[i]))]));
            var keep = n / (int)Math.Pow(eta, round + 1);
            if (alive.Count == 1 || keep < 1)
            {
                var best = alive[ranked[0]];
                return new(best.Parameters, best.Model, scores[ranked[0]], rounds);
            }
            alive = [.. ranked.Take(keep).Select(i => alive[i])];
        }
    }
}
