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
    /// <see cref="AddLaneSum"/> every few hundred rows (plain float sums and means, and int64
    /// means; the others have their own lanes, see <see cref="CreateLanes"/>). A
    /// per-element compensated add is ~10x slower than a vector add, and outer-axis reductions
    /// (mean(axis=0)) are all lane work.
    /// </summary>
    static virtual bool SumsLanesInDouble => false;

    /// <summary>Folds <paramref name="count"/> values whose plain sum is <paramref name="sum"/> into <paramref name="acc"/>.</summary>
    static virtual void AddLaneSum(ref TAcc acc, double sum, long count) =>
        throw new NotSupportedException("This reducer does not sum lanes in double.");

    /// <summary>
    /// Lanes of its own for runs of a kept innermost axis (min and max: <see cref="LaneExtrema{TE, TDir, TNan}"/>;
    /// float nansum and nanmean: <see cref="NanLaneSums"/>, folded with <see cref="AddLaneSum"/>;
    /// integer sums and int32 means: <see cref="IntegerLaneSums"/>, folded with <see cref="AddLaneWrappingSum"/>;
    /// var, std and their nan* forms: <see cref="LaneMoments{TNan}"/>, set with <see cref="SetLaneMoments"/>;
    /// prod and nanprod: <see cref="LaneProducts{TNan}"/> and <see cref="IntegerLaneProducts"/>;
    /// argmin and argmax: <see cref="LaneArgExtrema{TE, TDir, TNan}"/>; any and all: <see cref="LaneLogicals{TAll}"/>),
    /// or null to fold such runs element by element with <see cref="AddLanes"/>.
    /// </summary>
    static virtual IKeptAxisLanes? CreateLanes(int outputs) => null;

    /// <summary>Folds <paramref name="count"/> integers whose int64 sum (wrapped) is <paramref name="sum"/> into <paramref name="acc"/> (<see cref="IntegerLaneSums"/>).</summary>
    static virtual void AddLaneWrappingSum(ref TAcc acc, long sum, long count) =>
        throw new NotSupportedException("This reducer does not sum integer lanes.");

    /// <summary>Multiplies <paramref name="acc"/> by the wrapped int64 product its lanes gathered (<see cref="IntegerLaneProducts"/>).</summary>
    static virtual void MultiplyLaneWrappingProduct(ref TAcc acc, long product) =>
        throw new NotSupportedException("This reducer does not multiply integer lanes.");

    /// <summary>Multiplies <paramref name="acc"/> by the product its lanes gathered (<see cref="LaneProducts{TNan}"/>).</summary>
    static virtual void MultiplyLaneProduct(ref TAcc acc, double product) =>
        throw new NotSupportedException("This reducer does not multiply lanes.");

    /// <summary>Folds a best value and its index gathered by the reducer's own lanes (<see cref="LaneArgExtrema{TE, TDir, TNan}"/>) into <paramref name="acc"/>.</summary>
    static virtual void AddLaneArgExtreme(ref TAcc acc, T value, long index) =>
        throw new NotSupportedException("This reducer has no argmin/argmax lanes.");

    /// <summary>Folds a value gathered by the reducer's own lanes into <paramref name="acc"/>.</summary>
    static virtual void AddLaneExtreme(ref TAcc acc, T value) =>
        throw new NotSupportedException("This reducer has no lanes of its own.");

    /// <summary>Sets <paramref name="acc"/> to <paramref name="count"/> values of mean <paramref name="mean"/> and M2 <paramref name="m2"/> (all the lanes have gathered for it).</summary>
    static virtual void SetLaneMoments(ref TAcc acc, long count, double mean, double m2) =>
        throw new NotSupportedException("This reducer does not gather moments in lanes.");
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
