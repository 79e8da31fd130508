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
