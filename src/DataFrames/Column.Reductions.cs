using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Expressions;
using Tessera.DataFrames.Hashing;
using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.Reductions;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class Column
{
    /// <summary>The sum of the non-null values (0 when there are none, as pandas).</summary>
    public DataScalar<double> Sum() => Moment("sum", m => m.Sum);

    /// <summary>The mean of the non-null values (NaN when there are none).</summary>
    public DataScalar<double> Mean() => Moment("mean", m => m.Count == 0 ? double.NaN : m.Mean);

    /// <summary>The sample variance (ddof 1 unless given) of the non-null values.</summary>
    public DataScalar<double> Var(int ddof = 1) => Moment($"var-{ddof}", m => m.Variance(ddof));

    /// <summary>The sample standard deviation (ddof 1 unless given) of the non-null values.</summary>
    public DataScalar<double> Std(int ddof = 1) => Moment($"std-{ddof}", m => Math.Sqrt(m.Variance(ddof)));

    /// <summary>The least non-null value (NaN when there is none).</summary>
    public DataScalar<double> Min() => Moment("min", m => m.Min);

    /// <summary>The greatest non-null value (NaN when there is none).</summary>
    public DataScalar<double> Max() => Moment("max", m => m.Max);

    /// <summary>The number of non-null values.</summary>
    public DataScalar<long> Count() => Reduce<long>("count", (_, values) => (long)(values.Length - NullsOf(values)),
        parts => parts.Sum(p => (long)p), p => p);

    /// <summary>The number of values, nulls included (Python's len).</summary>
    public DataScalar<long> Len() => Reduce<long>("len", (_, values) => (long)values.Length, parts => parts.Sum(p => (long)p), p => p);

    /// <summary>The number of distinct non-null values (exact).</summary>
    public DataScalar<long> NUnique() => Reduce<long>("nunique", (_, values) => Distinct(values),
        parts => Merge(parts), p => (long)((KeyTable)p).Count);

    /// <summary>The number of distinct non-null values, estimated with HyperLogLog (about 1.6 % error, 4 KiB per partition).</summary>
    public DataScalar<long> NUniqueApprox() => Reduce<long>("nunique-approx", (_, values) => HyperLogLog.Of(values),
        parts => HyperLogLog.Merge(parts), p => ((HyperLogLog)p).Estimate());

    /// <summary>
    /// Each distinct non-null value and how often it occurs, most frequent first (ties in value
    /// order): a frame with columns [name, "count"], as pandas' <c>value_counts().reset_index()</c>.
    /// </summary>
    public DataFrame ValueCounts()
    {
        var keyType = DType;
        var name = Name;
        var schema = new Schema([new Field(name, keyType, true), new Field("count", Int64Type.Default, true)], null);
        var expression = Expression;
        var source = ProjectedSource();
        var reduction = new TreeReduction(TaskKeys.Name("value-counts", source.Name, expression.ToString()), source,
            (backend, frame) => Counter.Of(ExpressionEvaluator.Evaluate(expression, frame, backend)),
            parts => Counter.Merge(parts),
            p => ((Counter)p).ToFrame(name, keyType, schema));
        return new DataFrame(new TreeNode(reduction, schema));
    }

    /// <summary>The <paramref name="n"/> largest values, largest first (nulls never).</summary>
    public DataFrame NLargest(int n = 5) => ToFrame().NLargest(n, Name);

    /// <summary>The <paramref name="n"/> smallest values, smallest first (nulls never).</summary>
    public DataFrame NSmallest(int n = 5) => ToFrame().NSmallest(n, Name);

    private DataScalar<double> Moment(string kind, Func<Moments, double> finish) =>
        Reduce<double>(kind, (_, values) => Moments.Of(values), Moments.Combine, p => finish((Moments)p));

    private DataScalar<T> Reduce<T>(string kind, Func<Kernels.Backends.IComputeBackend, IArrowArray, object> chunk,
        Func<IReadOnlyList<object>, object> combine, Func<object, object?> finish)
    {
        var expression = Expression;
        var source = ProjectedSource();
        var reduction = new TreeReduction(TaskKeys.Name(kind, source.Name, expression.ToString()), source,
            (backend, frame) => chunk(backend, ExpressionEvaluator.Evaluate(expression, frame, backend)), combine, finish);
        return new DataScalar<T>(reduction);
    }

    private static int NullsOf(IArrowArray values)
    {
        if (values is not DoubleArray and not FloatArray)
        {
            return values.NullCount;
        }
        var nulls = 0;
        foreach (var v in ArrowColumns.ToDoubles(values))
        {
            nulls += double.IsNaN(v) ? 1 : 0;
        }
        return nulls;
    }

    private static KeyTable Distinct(IArrowArray values)
    {
        var table = new KeyTable();
        var keys = new RowKeys([values]);
        for (var r = 0; r < values.Length; r++)
        {
            var key = keys.Encode(r, out var isNull);
            if (!isNull)
            {
                table.GetOrAdd(key);
            }
        }
        return table;
    }

    private static KeyTable Merge(IReadOnlyList<object> parts)
    {
        var first = (KeyTable)parts[0];
        foreach (KeyTable part in parts.Skip(1))
        {
            for (var i = 0; i < part.Count; i++)
            {
                first.GetOrAdd(part.Key(i));
            }
        }
        return first;
    }
}
