using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Expressions;
using Tessera.IO.Parquet;

namespace Tessera.DataFrames.Storage;

/// <summary>
/// Decides from a row group's min/max statistics whether a filter can keep any of its rows
/// (predicate pushdown). It answers "no" only when that is certain: comparisons of a column with
/// a constant, joined by and/or, and null tests; anything else, or a column without statistics,
/// keeps the group, and the filter then runs on the rows it holds. Null rules are the row
/// filter's: a comparison with a null is false, except <c>!=</c>, which is true.
/// </summary>
internal static class StatisticsPruner
{
    /// <summary>False only when no row of the group can satisfy <paramref name="filter"/>.</summary>
    public static bool MayMatch(ColumnExpr filter, ParquetRowGroupInfo group, Schema schema) => filter switch
    {
        BinaryColumnExpr { Op: BinaryColumnOp.And } b => MayMatch(b.Left, group, schema) && MayMatch(b.Right, group, schema),
        BinaryColumnExpr { Op: BinaryColumnOp.Or } b => MayMatch(b.Left, group, schema) || MayMatch(b.Right, group, schema),
        BinaryColumnExpr { IsComparison: true, Left: ColumnRef c, Right: LiteralExpr l } b => Compare(c.Name, b.Op, l.Value, group, schema),
        BinaryColumnExpr { IsComparison: true, Left: LiteralExpr l, Right: ColumnRef c } b => Compare(c.Name, Flip(b.Op), l.Value, group, schema),
        UnaryColumnExpr { Op: UnaryColumnOp.IsNull, Operand: ColumnRef c } => Stats(c.Name, group) is not { NullCount: 0 },
        UnaryColumnExpr { Op: UnaryColumnOp.NotNull, Operand: ColumnRef c } => Stats(c.Name, group) is not { } s || s.NullCount < 0 || s.NullCount < s.Rows,
        _ => true,
    };

    private static ParquetColumnStatistics? Stats(string column, ParquetRowGroupInfo group) =>
        group.Statistics.TryGetValue(column, out var s) ? s : null;

    private static BinaryColumnOp Flip(BinaryColumnOp op) => op switch
    {
        BinaryColumnOp.Less => BinaryColumnOp.Greater,
        BinaryColumnOp.LessEqual => BinaryColumnOp.GreaterEqual,
        BinaryColumnOp.Greater => BinaryColumnOp.Less,
        BinaryColumnOp.GreaterEqual => BinaryColumnOp.LessEqual,
        _ => op,
    };

    private static bool Compare(string column, BinaryColumnOp op, object literal, ParquetRowGroupInfo group, Schema schema)
    {
        if (Stats(column, group) is not { } s)
        {
            return true;
        }
        if (s.NullCount >= 0 && s.NullCount == s.Rows)
        {
            return op == BinaryColumnOp.NotEqual; // only nulls: every comparison is false but !=
        }
        if (!s.HasMinMax || schema.GetFieldIndex(column) is var at && at < 0)
        {
            return true;
        }
        var type = schema.FieldsList[at].DataType;
        var value = literal is DateTime when && type is TimestampType or Date32Type ? DateTimeLiterals.ToColumnUnit(when, type) : literal;
        if (Order(s.Min!, value) is not { } vsMin || Order(s.Max!, value) is not { } vsMax)
        {
            return true; // not comparable here; the row filter decides (or reports the mismatch)
        }
        return op switch
        {
            BinaryColumnOp.Equal => vsMin <= 0 && vsMax >= 0,
            // NaN is left out of float statistics and is != everything, so only exact columns prune.
            BinaryColumnOp.NotEqual => s.NullCount != 0 || vsMin != 0 || vsMax != 0 || type.TypeId is ArrowTypeId.Float or ArrowTypeId.Double,
            BinaryColumnOp.Less => vsMin < 0,
            BinaryColumnOp.LessEqual => vsMin <= 0,
            BinaryColumnOp.Greater => vsMax > 0,
            BinaryColumnOp.GreaterEqual => vsMax >= 0,
            _ => true,
        };
    }

    // The sign of (statistic - literal), or null when the two cannot be ordered.
    private static int? Order(object statistic, object literal) => (statistic, literal) switch
    {
        (long a, long b) => a.CompareTo(b),
        (long a, int b) => a.CompareTo(b),
        (long a, double b) => ((double)a).CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (double a, long b) => a.CompareTo(b),
        (double a, int b) => a.CompareTo(b),
        (bool a, bool b) => a.CompareTo(b),
        // The row filter compares UTF-8 bytes, and so do Parquet's string statistics.
        (string a, string b) => Math.Sign(System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b))),
        _ => null,
    };
}
