using Apache.Arrow;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames;

/// <summary>An in-memory column: a name and an Arrow array (what a lazy <see cref="Column"/> computes to).</summary>
public sealed class Series
{
    /// <summary>A series named <paramref name="name"/> over <paramref name="values"/> (not copied).</summary>
    public Series(string name, IArrowArray values)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The values.</summary>
    public IArrowArray Values { get; }

    /// <summary>The number of values.</summary>
    public int Length => Values.Length;

    /// <summary>The number of nulls.</summary>
    public int NullCount => Values.NullCount;

    /// <summary>Value <paramref name="index"/>: long, int, double, float, bool, string, DateTime or null.</summary>
    public object? this[int index] => ArrowColumns.GetValue(Values, index);

    /// <summary>The values as .NET objects (null for nulls).</summary>
    public object?[] ToList() => [.. Enumerable.Range(0, Length).Select(i => this[i])];

    /// <summary>The values as doubles, nulls as NaN (numeric columns).</summary>
    public double[] ToDoubles() => ArrowColumns.ToDoubles(Values);

    /// <summary>The series as a one-column frame.</summary>
    public Frame ToFrame() => Frame.FromColumns((Name, Values));

    /// <summary>The Arrow array.</summary>
    public IArrowArray ToArrow() => Values;

    /// <summary>Printed as pandas prints a series: index, values, then name and dtype.</summary>
    public override string ToString() => FrameFormatter.FormatSeries(this);
}
