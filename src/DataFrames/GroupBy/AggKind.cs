namespace Tessera.DataFrames.Grouping;

/// <summary>The aggregations a group-by computes (pandas' names in <see cref="AggKinds.Parse"/>).</summary>
internal enum AggKind
{
    Sum,
    Mean,
    Count,
    Min,
    Max,
    Std,
    Var,
    First,
    Last,
    NUnique,
    Size,
}

/// <summary>One aggregate of a group-by: which column, which aggregation, and the output column's name.</summary>
internal sealed record AggSpec(string Column, AggKind Kind, string Output);

internal static class AggKinds
{
    public static AggKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "sum" => AggKind.Sum,
        "mean" => AggKind.Mean,
        "count" => AggKind.Count,
        "min" => AggKind.Min,
        "max" => AggKind.Max,
        "std" => AggKind.Std,
        "var" => AggKind.Var,
        "first" => AggKind.First,
        "last" => AggKind.Last,
        "nunique" => AggKind.NUnique,
        "size" => AggKind.Size,
        _ => throw new ArgumentException(
            $"Unknown aggregation '{name}'. Use one of sum, mean, count, min, max, std, var, first, last, nunique, size.", nameof(name)),
    };

    /// <summary>True for aggregations that need numbers (pandas drops other columns from them).</summary>
    public static bool Numeric(AggKind kind) => kind is AggKind.Sum or AggKind.Mean or AggKind.Std or AggKind.Var or AggKind.Min or AggKind.Max;
}
