using System.Globalization;
using System.Text;

namespace Tessera.IO.Csv;

/// <summary>ISO 8601 dates and date-times ("2024-01-31", "2024-01-31 12:30:00", "2024-01-31T12:30:00.5") as UTC ticks.</summary>
internal static class CsvDates
{
    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss",
    ];

    public static bool TryParse(ReadOnlySpan<byte> field, out long ticks)
    {
        ticks = 0;
        if (field.Length is 0 or > 64)
        {
            return false;
        }
        Span<char> text = stackalloc char[field.Length];
        var n = Encoding.UTF8.GetChars(field, text);
        var trimmed = text[..n];
        if (trimmed.Length > 0 && trimmed[^1] == 'Z')
        {
            trimmed = trimmed[..^1];
        }
        if (!DateTime.TryParseExact(trimmed, s_formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            return false;
        }
        ticks = value.Ticks;
        return true;
    }
}
