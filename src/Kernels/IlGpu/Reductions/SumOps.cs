namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>sum / nansum of floats: a compensated double sum, narrowed to the input's type at the end.</summary>
internal readonly struct FloatSum<T, TN, TNan> : IAccumulateOp<T, CompensatedSum>, IFinishOp<CompensatedSum, T>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
    where TNan : struct, INanPolicy
{
    public static CompensatedSum Empty() => default;

    public static CompensatedSum Add(CompensatedSum acc, T x, int index) =>
        TNan.Skip() && TN.IsNaN(x) ? acc : CompensatedSum.Add(acc, TN.ToDouble(x));

    public static CompensatedSum Merge(CompensatedSum first, CompensatedSum second) => CompensatedSum.Merge(first, second);

    public static T Finish(CompensatedSum acc, int ddof) => TN.FromDouble(acc.Value);
}

/// <summary>sum of integers (and of bools counted as int32): wrapping int64, as NumPy's.</summary>
internal readonly struct IntegerSum<T, TN> : IAccumulateOp<T, long>, IFinishOp<long, long>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
{
    public static long Empty() => 0;

    public static long Add(long acc, T x, int index) => unchecked(acc + TN.ToLong(x));

    public static long Merge(long first, long second) => unchecked(first + second);

    public static long Finish(long acc, int ddof) => acc;
}

/// <summary>prod / nanprod of floats: a double product, narrowed at the end (the CPU backend's accumulator).</summary>
internal readonly struct FloatProduct<T, TN, TNan> : IAccumulateOp<T, double>, IFinishOp<double, T>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
    where TNan : struct, INanPolicy
{
    public static double Empty() => 1;

    public static double Add(double acc, T x, int index) => TNan.Skip() && TN.IsNaN(x) ? acc : acc * TN.ToDouble(x);

    public static double Merge(double first, double second) => first * second;

    public static T Finish(double acc, int ddof) => TN.FromDouble(acc);
}

/// <summary>prod of integers: wrapping int64.</summary>
internal readonly struct IntegerProduct<T, TN> : IAccumulateOp<T, long>, IFinishOp<long, long>
    where T : unmanaged
    where TN : struct, IDeviceNumber<T>
{
    public static long Empty() => 1;

    public static long Add(long acc, T x, int index) => unchecked(acc * TN.ToLong(x));

    public static long Merge(long first, long second) => unchecked(first * second);

    public static long Finish(long acc, int ddof) => acc;
}

/// <summary>any: true when some element is non-zero (the prologue is cast to bool first).</summary>
internal readonly struct AnyTrue : IAccumulateOp<byte, int>, IFinishOp<int, byte>
{
    public static int Empty() => 0;

    public static int Add(int acc, byte x, int index) => acc | (x != 0 ? 1 : 0);

    public static int Merge(int first, int second) => first | second;

    public static byte Finish(int acc, int ddof) => (byte)acc;
}

/// <summary>all: true when every element is non-zero (true over no elements).</summary>
internal readonly struct AllTrue : IAccumulateOp<byte, int>, IFinishOp<int, byte>
{
    public static int Empty() => 1;

    public static int Add(int acc, byte x, int index) => acc & (x != 0 ? 1 : 0);

    public static int Merge(int first, int second) => first & second;

    public static byte Finish(int acc, int ddof) => (byte)acc;
}
