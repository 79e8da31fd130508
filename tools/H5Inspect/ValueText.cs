using System.Collections;
using System.Globalization;
using Tessera.IO.Hdf5;

namespace Tessera.Tools.H5Inspect;

/// <summary>Short, culture-independent text for shapes, filters and decoded values.</summary>
public static class ValueText
{
    /// <summary>Array values show at most this many elements, then "... (N values)".</summary>
    public const int MaxElements = 6;

    /// <summary>Strings longer than this are cut and end in "...".</summary>
    public const int MaxStringLength = 60;

    /// <summary>"(20000, 20000)"; -1 (unlimited) shows as "unlimited".</summary>
    /// <param name="shape">Sizes per axis.</param>
    public static string Shape(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Count == 0 ? "scalar" : "(" + string.Join(", ", shape.Select(s => s < 0 ? "unlimited" : s.ToString(CultureInfo.InvariantCulture))) + ")";
    }

    /// <summary>"deflate(level 4)", "shuffle(8 bytes)", "fletcher32", or the name and raw parameters.</summary>
    /// <param name="filter">One filter of a pipeline.</param>
    public static string Filter(Hdf5Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var first = filter.ClientData.Count > 0 ? filter.ClientData[0].ToString(CultureInfo.InvariantCulture) : null;
        return filter.Id switch
        {
            Hdf5Filter.Deflate when first is not null => $"deflate(level {first})",
            Hdf5Filter.Shuffle when first is not null => $"shuffle({first} bytes)",
            _ when filter.ClientData.Count == 0 => filter.Name,
            _ => $"{filter.Name}({string.Join(", ", filter.ClientData)})",
        };
    }

    /// <summary>
    /// The type's own description, except strings: <see cref="Hdf5DataType"/> cannot tell a
    /// variable-length string from other sequences, but the decoded value can.
    /// </summary>
    /// <param name="type">The stored type.</param>
    /// <param name="value">The decoded value of that type.</param>
    public static string TypeName(Hdf5DataType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Class switch
        {
            Hdf5TypeClass.VariableLength when value is string or string[] => "variable-length string",
            Hdf5TypeClass.String => $"string of {type.Size} bytes",
            _ => type.ToString(),
        };
    }

    /// <summary>A decoded attribute or fill value, shortened: strings quoted, arrays cut after <see cref="MaxElements"/>.</summary>
    /// <param name="value">A value as returned by <see cref="Hdf5Attribute.Value"/>.</param>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        byte[] bytes => $"<{bytes.Length} bytes>",
        IEnumerable items => Items(items.Cast<object?>().ToList()),
        _ => Scalar(value),
    };

    private static string Items(List<object?> items)
    {
        var shown = string.Join(", ", items.Take(MaxElements).Select(Value));
        return items.Count <= MaxElements ? $"[{shown}]" : $"[{shown}, ... ({items.Count} values)]";
    }

    // "R" round-trips doubles exactly, so a fill value such as -999.9 prints as written.
    private static string Scalar(object value) => value is double d
        ? d.ToString("R", CultureInfo.InvariantCulture)
        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string s) =>
        "\"" + (s.Length > MaxStringLength ? s[..MaxStringLength] + "..." : s).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
