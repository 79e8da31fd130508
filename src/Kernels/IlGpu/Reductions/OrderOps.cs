namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// min / max (NaN propagates: once seen it sticks) and nanmin / nanmax (NaN skipped; an all-NaN
/// slice gives NaN), in the input's type.
/// </summary>
internal readonly struct ExtremumOp<T, TN, TDir, TNan> : IAccumulateOp<T, Extremum<T>>, IFinishOp<Extremum<T>, T>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
    where TDir : struct, IDirection
    where TNan : struct, INanPolicy
{
    public static Extremum<T> Empty() => default;

    public static Extremum<T> Add(Extremum<T> acc, T x, int index)
    {
        if (TNan.Skip() && TN.IsNaN(x))
        {
            return acc;
        }
        return Merge(acc, new Extremum<T> { Value = x, Seen = 1 });
    }

    public static Extremum<T> Merge(Extremum<T> first, Extremum<T> second)
    {
        var take = second.Seen != 0 && (first.Seen == 0 ||
            (!TN.IsNaN(first.Value) && (TN.IsNaN(second.Value) || TDir.Better<T, TN>(second.Value, first.Value))));
        return take ? second : first;
    }

    public static T Finish(Extremum<T> acc, int ddof) => acc.Seen != 0 ? acc.Value : TN.FromDouble(double.NaN);
}

/// <summary>
/// argmin / argmax (the first NaN wins, as NumPy's) and nanargmin / nanargmax (NaN skipped; an
/// all-NaN slice finishes as -1, which the host turns into NumPy's error). Ties go to the smaller
/// index in every merge, so the result does not depend on how elements were split among threads.
/// </summary>
internal readonly struct ArgExtremumOp<T, TN, TDir, TNan> : IAccumulateOp<T, ArgExtremum<T>>, IFinishOp<ArgExtremum<T>, long>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
    where TDir : struct, IDirection
    where TNan : struct, INanPolicy
{
    public static ArgExtremum<T> Empty() => new() { Index = -1 };

    public static ArgExtremum<T> Add(ArgExtremum<T> acc, T x, int index)
    {
        if (TNan.Skip() && TN.IsNaN(x))
        {
            return acc;
        }
        return Merge(acc, new ArgExtremum<T> { Value = x, Index = index });
    }

    public static ArgExtremum<T> Merge(ArgExtremum<T> first, ArgExtremum<T> second)
    {
        if (second.Index < 0)
        {
            return first;
        }
        if (first.Index < 0)
        {
            return second;
        }
        var a = TN.IsNaN(first.Value);
        var b = TN.IsNaN(second.Value);
        bool takeSecond;
        if (a || b)
        {
            // NaN beats every number; between NaNs the earlier index.
            takeSecond = b && (!a || second.Index < first.Index);
        }
        else
        {
            takeSecond = TDir.Better<T, TN>(second.Value, first.Value) ||
                (!TDir.Better<T, TN>(first.Value, second.Value) && second.Index < first.Index);
        }
        return takeSecond ? second : first;
    }

    public static long Finish(ArgExtremum<T> acc, int ddof) => acc.Index;
}
