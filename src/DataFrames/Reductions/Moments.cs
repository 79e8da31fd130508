using Apache.Arrow;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.Reductions;

/// <summary>
/// The partial of a column's sum, mean, variance, min and max: count, sum, mean and M2 of the
/// non-null values (NaN counts as null, as pandas skips it), merged with Chan's formula so the
/// variance stays accurate when partitions have very different means.
/// </summary>
internal sealed class Moments
{
    public long Count { get; private set; }

    public long Rows { get; private set; }

    public double Sum { get; private set; }

    public double Mean { get; private set; }

    public double M2 { get; private set; }

    public double Min { get; private set; } = double.NaN;

    public double Max { get; private set; } = double.NaN;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Moments Of(IArrowArray values)
    {
        var result = new Moments { Rows = values.Length };
        var x = ArrowColumns.ToDoubles(values);
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        long count = 0;
        foreach (var v in x)
        {
            if (double.IsNaN(v))
            {
                continue;
            }
            count++;
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (count == 0)
        {
            return result;
        }
        var mean = sum / count;
        double m2 = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                m2 += (v - mean) * (v - mean);
            }
        }
        result.Count = count;
        result.Sum = sum;
        result.Mean = mean;
        result.M2 = m2;
        result.Min = min;
        result.Max = max;
        return result;
    }

    public static Moments Combine(IReadOnlyList<object> parts)
    {
        var total = new Moments();
        foreach (Moments part in parts)
        {
            total.Rows += part.Rows;
            if (part.Count == 0)
            {
                continue;
            }
            if (total.Count == 0)
            {
                (total.Count, total.Sum, total.Mean, total.M2, total.Min, total.Max) = (part.Count, part.Sum, part.Mean, part.M2, part.Min, part.Max);
                continue;
            }
            var n = total.Count + part.Count;
            var delta = part.Mean - total.Mean;
            total.M2 += part.M2 + (delta * delta * total.Count * part.Count / n);
            total.Mean += delta * part.Count / n;
            total.Count = n;
            total.Sum += part.Sum;
            total.Min = Math.Min(total.Min, part.Min);
            total.Max = Math.Max(total.Max, part.Max);
        }
        return total;
    }

    public double Variance(int ddof) => Count - ddof <= 0 ? double.NaN : M2 / (Count - ddof);
}
