namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// How partial results of one reduction combine: an empty partial and a merge. Kernels call these
/// through the type parameter, so each reduction compiles to straight-line code.
/// </summary>
/// <typeparam name="TAcc">The partial (sum and compensation, count/mean/M2, value and index...).</typeparam>
internal interface IMergeOp<TAcc> where TAcc : unmanaged
{
    /// <summary>The partial of zero elements (the identity of <see cref="Merge"/>).</summary>
    static abstract TAcc Empty();

    /// <summary>
    /// Combines two partials. Kernels always pass the partial of the lower thread or slot first;
    /// arg reductions also compare indexes, so their ties resolve to the smaller index whatever the order.
    /// </summary>
    static abstract TAcc Merge(TAcc first, TAcc second);
}

/// <summary>Folds one element into a partial.</summary>
/// <typeparam name="T">The prologue's device element type.</typeparam>
/// <typeparam name="TAcc">The partial.</typeparam>
internal interface IAccumulateOp<T, TAcc> : IMergeOp<TAcc>
    where T : unmanaged
    where TAcc : unmanaged
{
    /// <summary>
    /// <paramref name="acc"/> with <paramref name="x"/> added; <paramref name="index"/> is its flat
    /// index along the reduced axes (one thread adds its elements in increasing index).
    /// </summary>
    static abstract TAcc Add(TAcc acc, T x, int index);
}

/// <summary>Turns a complete partial into the output element.</summary>
internal interface IFinishOp<TAcc, TOut>
    where TAcc : unmanaged
    where TOut : unmanaged
{
    /// <summary>The result of the reduction whose elements made <paramref name="acc"/>.</summary>
    static abstract TOut Finish(TAcc acc, int ddof);
}

/// <summary>Whether the nan* form (NaN skipped) or the plain one (NaN propagates).</summary>
internal interface INanPolicy
{
    /// <summary>True when NaN elements are skipped.</summary>
    static abstract bool Skip();
}

/// <summary>NaN propagates (sum, min, argmin...).</summary>
internal readonly struct PropagateNaN : INanPolicy
{
    public static bool Skip() => false;
}

/// <summary>NaN is skipped (nansum, nanmin, nanargmin...).</summary>
internal readonly struct SkipNaN : INanPolicy
{
    public static bool Skip() => true;
}

/// <summary>Min or max.</summary>
internal interface IDirection
{
    /// <summary>True when <paramref name="candidate"/> strictly beats <paramref name="current"/> (equal values keep the current one).</summary>
    static abstract bool Better<T, TN>(T candidate, T current)
        where T : unmanaged
        where TN : struct, IDeviceNumber<T>;
}

/// <summary>The smallest wins.</summary>
internal readonly struct Smallest : IDirection
{
    public static bool Better<T, TN>(T candidate, T current)
        where T : unmanaged
        where TN : struct, IDeviceNumber<T> => TN.Less(candidate, current);
}

/// <summary>The largest wins.</summary>
internal readonly struct Largest : IDirection
{
    public static bool Better<T, TN>(T candidate, T current)
        where T : unmanaged
        where TN : struct, IDeviceNumber<T> => TN.Less(current, candidate);
}
