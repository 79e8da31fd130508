namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>mean / nanmean: compensated sum and count in double; the output type's narrowing at the end.</summary>
/// <typeparam name="T">The prologue's element type.</typeparam>
/// <typeparam name="TN">Its conversions.</typeparam>
/// <typeparam name="TNan">Whether NaN is skipped.</typeparam>
/// <typeparam name="TO">The output type (the float input's, or float64 for integers).</typeparam>
/// <typeparam name="TON">Its conversions.</typeparam>
internal readonly struct MeanOp<T, TN, TNan, TO, TON> : IAccumulateOp<T, SumCount>, IFinishOp<SumCount, TO>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
    where TNan : struct, INanPolicy
    where TO : unmanaged
    where TON : struct, IDeviceNumber<TO>
{
    public static SumCount Empty() => default;

    public static SumCount Add(SumCount acc, T x, int index) => TNan.Skip() && TN.IsNaN(x)
        ? acc
        : new SumCount { Sum = CompensatedSum.Add(acc.Sum, TN.ToDouble(x)), Count = acc.Count + 1 };

    public static SumCount Merge(SumCount first, SumCount second) =>
        new() { Sum = CompensatedSum.Merge(first.Sum, second.Sum), Count = first.Count + second.Count };

    public static TO Finish(SumCount acc, int ddof) => TON.FromDouble(acc.Count == 0 ? double.NaN : acc.Sum.Value / acc.Count);
}

/// <summary>Which statistic a moments reduction reports.</summary>
internal interface IMomentStatistic
{
    /// <summary>The statistic of complete moments.</summary>
    static abstract double Of(Moments m, int ddof);
}

/// <summary>The variance M2 / (n - ddof) (NaN over no values).</summary>
internal readonly struct VarianceOf : IMomentStatistic
{
    public static double Of(Moments m, int ddof) => m.Count == 0 ? double.NaN : m.Variance(ddof);
}

/// <summary>The standard deviation, the variance's square root.</summary>
internal readonly struct StdOf : IMomentStatistic
{
    public static double Of(Moments m, int ddof) => m.Count == 0 ? double.NaN : Math.Sqrt(m.Variance(ddof));
}

/// <summary>var / std and their nan forms: Welford per element, Chan's merge across partials.</summary>
/// <typeparam name="T">The prologue's element type.</typeparam>
/// <typeparam name="TN">Its conversions.</typeparam>
/// <typeparam name="TNan">Whether NaN is skipped.</typeparam>
/// <typeparam name="TStat">Variance or standard deviation.</typeparam>
/// <typeparam name="TO">The output type.</typeparam>
/// <typeparam name="TON">Its conversions.</typeparam>
internal readonly struct MomentOp<T, TN, TNan, TStat, TO, TON> : IAccumulateOp<T, Moments>, IFinishOp<Moments, TO>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
    where TNan : struct, INanPolicy
    where TStat : struct, IMomentStatistic
    where TO : unmanaged
    where TON : struct, IDeviceNumber<TO>
{
    public static Moments Empty() => default;

    public static Moments Add(Moments acc, T x, int index) =>
        TNan.Skip() && TN.IsNaN(x) ? acc : Moments.Add(acc, TN.ToDouble(x));

    public static Moments Merge(Moments first, Moments second) => Moments.Merge(first, second);

    public static TO Finish(Moments acc, int ddof) => TON.FromDouble(TStat.Of(acc, ddof));
}
