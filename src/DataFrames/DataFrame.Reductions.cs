using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Hashing;
using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.Reductions;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>The number of rows (Python's len).</summary>
    public DataScalar<long> Len() => new(new TreeReduction(TaskKeys.Name("len", Node.Name), Node,
        (_, frame) => (long)frame.RowCount, parts => parts.Sum(p => (long)p), p => p));

    /// <summary>The <paramref name="n"/> rows with the largest <paramref name="column"/>, largest first (ties: earlier rows first; nulls never).</summary>
    public DataFrame NLargest(int n, string column) => Top(n, column, largest: true);

    /// <summary>The <paramref name="n"/> rows with the smallest <paramref name="column"/>, smallest first (ties: earlier rows first; nulls never).</summary>
    public DataFrame NSmallest(int n, string column) => Top(n, column, largest: false);

    /// <summary>
    /// The rows whose values in <paramref name="subset"/> (every column when none are named) were not
    /// seen in an earlier row, in row order, as one partition (pandas' <c>drop_duplicates(keep="first")</c>;
    /// nulls equal nulls).
    /// </summary>
    public DataFrame DropDuplicates(params string[] subset)
    {
        var columns = subset.Length == 0 ? Columns.ToArray() : subset;
        foreach (var name in columns)
        {
            _ = this[name];
        }
        var reduction = new TreeReduction(TaskKeys.Name("drop-duplicates", Node.Name, string.Join(",", columns)), Node,
            (_, frame) => FirstOccurrences(frame, columns),
            parts => FirstOccurrences(Frame.Concat([.. parts.Cast<Frame>()]), columns),
            p => p);
        return new DataFrame(new TreeNode(reduction, Schema));
    }

    /// <summary>
    /// Summary statistics of the numeric columns, as pandas' <c>describe()</c>: rows count, mean, std,
    /// min, 25%, 50%, 75% and max (exact percentiles with linear interpolation; the numeric values
    /// are gathered to compute them), the row names in a first column "statistic".
    /// </summary>
    public DataFrame Describe()
    {
        var numeric = Schema.FieldsList.Where(f => ArrowColumns.IsNumeric(f.DataType) && f.DataType.TypeId != ArrowTypeId.Boolean)
            .Select(f => f.Name).ToArray();
        if (numeric.Length == 0)
        {
            throw new InvalidOperationException($"Describe summarises numeric columns; this frame has none ({string.Join(", ", Columns)}).");
        }
        var fields = new List<Field> { new("statistic", StringType.Default, true) };
        fields.AddRange(numeric.Select(n => new Field(n, DoubleType.Default, true)));
        var schema = new Schema(fields, null);
        var reduction = new TreeReduction(TaskKeys.Name("describe", Node.Name), Node,
            (_, frame) => numeric.Select(n => Sorted(frame.Column(frame.IndexOf(n)))).ToArray(),
            parts => Enumerable.Range(0, numeric.Length).Select(c => MergeSorted(parts.Select(p => ((double[][])p)[c]))).ToArray(),
            p => DescribeFrame((double[][])p, schema));
        return new DataFrame(new TreeNode(reduction, schema));
    }

    private DataFrame Top(int n, string column, bool largest)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var type = this[column].DType;
        if (!ArrowColumns.IsNumeric(type))
        {
            throw new ArgumentException($"NLargest/NSmallest order numbers; '{column}' is {type.Name}.", nameof(column));
        }
        var reduction = new TreeReduction(TaskKeys.Name(largest ? "nlargest" : "nsmallest", Node.Name, column, n), Node,
            (_, frame) => TopRows(frame, column, n, largest),
            parts => TopRows(Frame.Concat([.. parts.Cast<Frame>()]), column, n, largest),
            p => p);
        return new DataFrame(new TreeNode(reduction, Schema));
    }

    private static Frame TopRows(Frame frame, string column, int n, bool largest)
    {
        var values = ArrowColumns.ToDoubles(frame.Column(frame.IndexOf(column)));
        var rows = Enumerable.Range(0, values.Length).Where(i => !double.IsNaN(values[i])).ToArray();
        // Stable on ties: the earlier row first, as pandas' keep="first".
        var ordered = largest
            ? rows.OrderByDescending(i => values[i]).ThenBy(i => i)
            : rows.OrderBy(i => values[i]).ThenBy(i => i);
        return ArrowTake.Take(frame, ordered.Take(n).ToArray());
    }

    private static Frame FirstOccurrences(Frame frame, string[] columns)
    {
        var table = new KeyTable();
        var keys = new RowKeys([.. columns.Select(c => frame.Column(frame.IndexOf(c)))]);
        var keep = new List<int>();
        for (var r = 0; r < frame.RowCount; r++)
        {
            var before = table.Count;
            table.GetOrAdd(keys.Encode(r, out _));
            if (table.Count > before)
            {
                keep.Add(r);
            }
        }
        return keep.Count == frame.RowCount ? frame : ArrowTake.Take(frame, keep.ToArray());
    }

    private static double[] Sorted(IArrowArray values)
    {
        var x = ArrowColumns.ToDoubles(values).Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(x);
        return x;
    }

    private static double[] MergeSorted(IEnumerable<double[]> parts)
    {
        var all = parts.SelectMany(p => p).ToArray();
        Array.Sort(all);
        return all;
    }

    private static Frame DescribeFrame(double[][] sorted, Schema schema)
    {
        string[] names = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"];
        var columns = new List<IArrowArray> { ArrowColumns.Strings(names) };
        foreach (var x in sorted)
        {
            var mean = x.Length == 0 ? double.NaN : x.Average();
            var std = x.Length < 2 ? double.NaN : Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
            double[] stats = [x.Length, mean, std, Quantile(x, 0), Quantile(x, 0.25), Quantile(x, 0.5), Quantile(x, 0.75), Quantile(x, 1)];
            columns.Add(Grouping.MomentAccumulator.NaNsAsNulls(stats));
        }
        return new Frame(schema, [.. columns], names.Length);
    }

    // NumPy's default (linear) percentile.
    private static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
