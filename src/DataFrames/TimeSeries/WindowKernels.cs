namespace Tessera.DataFrames.TimeSeries;

/// <summary>
/// Moving-window statistics over one column's values, given where each row's window starts
/// (windows end at their row and their starts never move back). Each runs in one pass, adding the
/// value entering and removing the one leaving, as pandas' rolling aggregations do; NaN values are
/// skipped and a window with fewer than <c>minPeriods</c> values gives NaN. The first
/// <c>from</c> rows are a neighbour's borrowed tail: they enter the windows but get no result, so
/// <c>result</c> holds the rows from <c>from</c> on.
/// </summary>
internal static class WindowKernels
{
    /// <summary>A statistic of every window: see the class.</summary>
    public delegate void Kernel(ReadOnlySpan<double> values, ReadOnlySpan<int> starts, int minPeriods, Span<double> result, int from);

    /// <summary>Window starts for a window of <paramref name="rows"/> rows.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void RowStarts(Span<int> starts, int rows)
    {
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = Math.Max(0, i - rows + 1);
        }
    }

    /// <summary>Window starts for a time span: the window of row i is (t[i] - span, t[i]], pandas' default closed="right".</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void TimeStarts(ReadOnlySpan<long> times, long span, Span<int> starts)
    {
        var start = 0;
        for (var i = 0; i < times.Length; i++)
        {
            while (times[start] <= times[i] - span)
            {
                start++;
            }
            starts[i] = start;
        }
    }

    /// <summary>Sums or means with compensated running sums (pandas uses Kahan summation here too).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void SumOrMean(ReadOnlySpan<double> values, ReadOnlySpan<int> starts, int minPeriods, Span<double> result, int from, bool mean)
    {
        double sum = 0, compensation = 0;
        var count = 0;
        var left = 0;
        for (var i = 0; i < values.Length; i++)
        {
            Add(values[i], ref sum, ref compensation, ref count, 1);
            for (; left < starts[i]; left++)
            {
                Add(values[left], ref sum, ref compensation, ref count, -1);
            }
            if (i >= from)
            {
                result[i - from] = count >= minPeriods && count > 0 ? (mean ? sum / count : sum) : (count >= minPeriods && !mean ? 0 : double.NaN);
            }
        }
    }

    /// <summary>Sample variance (ddof 1) or standard deviation by Welford's add and remove, as pandas' roll_var.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Variance(ReadOnlySpan<double> values, ReadOnlySpan<int> starts, int minPeriods, Span<double> result, int from, bool std)
    {
        double mean = 0, m2 = 0;
        var count = 0;
        var left = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (!double.IsNaN(x))
            {
                count++;
                var delta = x - mean;
                mean += delta / count;
                m2 += delta * (x - mean);
            }
            for (; left < starts[i]; left++)
            {
                var y = values[left];
                if (double.IsNaN(y))
                {
                    continue;
                }
                count--;
                if (count == 0)
                {
                    mean = m2 = 0;
                    continue;
                }
                var delta = y - mean;
                mean -= delta / count;
                m2 -= delta * (y - mean);
            }
            if (i < from)
            {
                continue;
            }
            if (count >= minPeriods && count > 1)
            {
                var variance = Math.Max(0, m2 / (count - 1));
                result[i - from] = std ? Math.Sqrt(variance) : variance;
            }
            else
            {
                result[i - from] = double.NaN;
            }
        }
    }

    /// <summary>Minimum or maximum with a monotonic queue of candidate rows (amortised O(1) per row).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Extreme(ReadOnlySpan<double> values, ReadOnlySpan<int> starts, int minPeriods, Span<double> result, int from, bool max)
    {
        var rented = System.Buffers.ArrayPool<int>.Shared.Rent(values.Length);
        var queue = rented.AsSpan(0, values.Length);
        int head = 0, tail = 0, count = 0, left = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (!double.IsNaN(x))
            {
                count++;
                while (tail > head && (max ? values[queue[tail - 1]] <= x : values[queue[tail - 1]] >= x))
                {
                    tail--;
                }
                queue[tail++] = i;
            }
            for (; left < starts[i]; left++)
            {
                if (!double.IsNaN(values[left]))
                {
                    count--;
                }
            }
            while (tail > head && queue[head] < starts[i])
            {
                head++;
            }
            if (i >= from)
            {
                result[i - from] = count >= minPeriods && count > 0 ? values[queue[head]] : double.NaN;
            }
        }
        System.Buffers.ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>A user function of each window's values (NaN included, as pandas' apply with raw=True).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ReadOnlySpan<double> values, ReadOnlySpan<int> starts, int minPeriods, Span<double> result, int from,
        Func<ReadOnlySpan<double>, double> function)
    {
        var count = 0;
        var left = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                count++;
            }
            for (; left < starts[i]; left++)
            {
                if (!double.IsNaN(values[left]))
                {
                    count--;
                }
            }
            if (i >= from)
            {
                result[i - from] = count >= minPeriods && count > 0 ? function(values.Slice(starts[i], i - starts[i] + 1)) : double.NaN;
            }
        }
    }

    private static void Add(double value, ref double sum, ref double compensation, ref int count, int sign)
    {
        if (double.IsNaN(value))
        {
            return;
        }
        count += sign;
        var y = sign * value - compensation;
        var t = sum + y;
        compensation = t - sum - y;
        sum = t;
    }
}
