namespace Tessera.DataFrames;

/// <summary>Which rows a <see cref="DataFrame.Merge(DataFrame, IReadOnlyList{string}, JoinType, MergeStrategy)"/> keeps, as pandas' <c>how</c>.</summary>
public enum JoinType
{
    /// <summary>Rows whose key is on both sides.</summary>
    Inner,

    /// <summary>Every left row; right columns null where the key has no match.</summary>
    Left,

    /// <summary>Every right row; left columns null where the key has no match.</summary>
    Right,

    /// <summary>Every row of both sides.</summary>
    Outer,
}
