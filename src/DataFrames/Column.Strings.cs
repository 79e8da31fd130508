using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Expressions;

namespace Tessera.DataFrames;

public sealed partial class Column
{
    /// <summary>String functions of a string column (pandas' <c>.str</c>), run on the host per partition.</summary>
    public StringFunctions Str => DType.TypeId == ArrowTypeId.String
        ? new StringFunctions(this)
        : throw new InvalidOperationException($"Str needs a string column; '{Name}' is {DType.Name}. Cast it with Cast(StringType.Default) first.");

    /// <summary>Date and time parts of a timestamp or date column (pandas' <c>.dt</c>).</summary>
    public DateTimeFunctions Dt => DType.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date32
        ? new DateTimeFunctions(this)
        : throw new InvalidOperationException($"Dt needs a timestamp or date column; '{Name}' is {DType.Name}. Read it with ParseDates or DTypes.");

    internal Column Host(string description, Func<IArrowType, IArrowType> type, Func<IArrowArray, IArrowArray> function) =>
        new(Source, new HostExpr(description, Expression, type, function), Name);
}

/// <summary>pandas' <c>.str</c> functions; nulls stay null (Contains and StartsWith give false for them, as <c>na=False</c>).</summary>
public sealed class StringFunctions
{
    private readonly Column _column;

    internal StringFunctions(Column column) => _column = column;

    /// <summary>True where the value contains <paramref name="text"/> (ordinal, not a regular expression).</summary>
    public Column Contains(string text) => Predicate($"str.contains:{text}", s => s.Contains(text, StringComparison.Ordinal));

    /// <summary>True where the value starts with <paramref name="prefix"/>.</summary>
    public Column StartsWith(string prefix) => Predicate($"str.startswith:{prefix}", s => s.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>True where the value ends with <paramref name="suffix"/>.</summary>
    public Column EndsWith(string suffix) => Predicate($"str.endswith:{suffix}", s => s.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>The length of each value in characters (Python's len: code points).</summary>
    public Column Len() => _column.Host("str.len", _ => Int64Type.Default, array => Map(array, s => (object)(long)CodePoints(s), Int64Type.Default));

    /// <summary>The values in lower case (invariant culture).</summary>
    public Column Lower() => Strings("str.lower", s => s.ToLowerInvariant());

    /// <summary>The values in upper case (invariant culture).</summary>
    public Column Upper() => Strings("str.upper", s => s.ToUpperInvariant());

    /// <summary>Every occurrence of <paramref name="oldValue"/> replaced by <paramref name="newValue"/> (plain text).</summary>
    public Column Replace(string oldValue, string newValue) =>
        Strings($"str.replace:{oldValue}:{newValue}", s => s.Replace(oldValue, newValue, StringComparison.Ordinal));

    /// <summary>Part <paramref name="index"/> of each value split at <paramref name="separator"/> (pandas' <c>str.split(sep).str[index]</c>); null when there is no such part.</summary>
    public Column Split(string separator, int index) => _column.Host($"str.split:{separator}:{index}", _ => StringType.Default,
        array => Map(array, s =>
        {
            var parts = s.Split(separator);
            var i = index < 0 ? parts.Length + index : index;
            return i >= 0 && i < parts.Length ? parts[i] : null;
        }, StringType.Default));

    private Column Predicate(string description, Func<string, bool> test) =>
        _column.Host(description, _ => BooleanType.Default, array =>
        {
            var strings = (StringArray)array;
            var flags = new bool[strings.Length];
            for (var i = 0; i < flags.Length; i++)
            {
                flags[i] = strings.IsValid(i) && test(strings.GetString(i));
            }
            return ArrowColumns.Booleans(flags);
        });

    private Column Strings(string description, Func<string, string> change) =>
        _column.Host(description, _ => StringType.Default, array => Map(array, s => change(s), StringType.Default));

    internal static IArrowArray Map(IArrowArray array, Func<string, object?> function, IArrowType type)
    {
        var strings = (StringArray)array;
        var values = new object?[strings.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = strings.IsValid(i) ? function(strings.GetString(i)) : null;
        }
        return ArrowValues.Build(type, values);
    }

    private static int CodePoints(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            count++;
        }
        return count;
    }
}

/// <summary>pandas' <c>.dt</c> parts of a timestamp or date column (UTC, as the values are stored); nulls stay null.</summary>
public sealed class DateTimeFunctions
{
    private readonly Column _column;

    internal DateTimeFunctions(Column column) => _column = column;

    /// <summary>The year.</summary>
    public Column Year => Part("dt.year", d => d.Year);

    /// <summary>The month, 1 to 12.</summary>
    public Column Month => Part("dt.month", d => d.Month);

    /// <summary>The day of the month, 1 to 31.</summary>
    public Column Day => Part("dt.day", d => d.Day);

    /// <summary>The hour, 0 to 23.</summary>
    public Column Hour => Part("dt.hour", d => d.Hour);

    /// <summary>The minute, 0 to 59.</summary>
    public Column Minute => Part("dt.minute", d => d.Minute);

    /// <summary>The day of the week as pandas numbers it: Monday 0 to Sunday 6.</summary>
    public Column DayOfWeek => Part("dt.dayofweek", d => ((int)d.DayOfWeek + 6) % 7);

    private Column Part(string description, Func<DateTime, int> part) =>
        _column.Host(description, _ => Int64Type.Default, array =>
        {
            var values = new object?[array.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ArrowColumns.GetValue(array, i) is DateTime d ? (long)part(d) : null;
            }
            return ArrowValues.Build(Int64Type.Default, values);
        });
}
