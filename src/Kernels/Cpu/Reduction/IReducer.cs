namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// One reduction for one element type, as static members of a struct so the engine's loops are
/// specialised (no virtual calls per element). <typeparamref name="TAcc"/> is the partial result.
/// </summary>
internal interface IReducer<T, TAcc, TOut>
{
    static abstract TAcc Identity();

    /// <summary>Folds a run of consecutive values (a reduced innermost axis) into one accumulator.</summary>
    static abstract void AddRun(ref TAcc acc, ReadOnlySpan<T> values, long firstIndex);

    /// <summary>Folds value i into accumulator i (a kept innermost axis); all share reduced index <paramref name="index"/>.</summary>
    static abstract void AddLanes(Span<TAcc> accs, ReadOnlySpan<T> values, long index);

    static abstract TOut Finish(in TAcc acc, int ddof);

    /// <summary>
    /// Whether kept-innermost-axis runs may be summed plainly in double lanes and folded in with
    /// <see cref="AddLaneSum"/> every few hundred rows (plain float sums and means only). A
    /// per-element compensated add is ~10x slower than a vector add, and outer-axis reductions
    /// (mean(axis=0)) are all lane work.
    /// </summary>
    static virtual bool SumsLanesInDouble => false;

    /// <summary>Folds <paramref name="count"/> values whose plain sum is <paramref name="sum"/> into <paramref name="acc"/>.</summary>
    static virtual void AddLaneSum(ref TAcc acc, double sum, long count) =>
        throw new NotSupportedException("This reducer does not sum lanes in double.");
}

/// <summary>Whether NaN values are skipped (the nan* reductions) or propagate.</summary>
internal interface INanPolicy
{
    static abstract bool Skip { get; }
}

internal readonly struct PropagateNaN : INanPolicy
{
    public static bool Skip => false;
}

internal readonly struct SkipNaN : INanPolicy
{
    public static bool Skip => true;
}
