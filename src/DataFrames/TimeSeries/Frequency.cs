using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.DataFrames.TimeSeries;

/// <summary>
/// pandas' fixed frequency strings ("1h", "30min", "T", "10s", "1D", "500ms") as nanoseconds.
/// Calendar frequencies (month, quarter, year, week) are not fixed spans: resample takes them
/// through <see cref="BinRule"/>.
/// </summary>
internal static partial class Frequency
{
    /// <summary>Whether <paramref name="frequency"/> is a fixed span this class reads.</summary>
    public static bool IsFixed(string frequency) => Pattern().IsMatch(frequency.Trim());

    public static long Nanoseconds(string frequency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(frequency);
        var match = Pattern().Match(frequency.Trim());
        if (!match.Success)
        {
            throw new ArgumentException(
                $"'{frequency}' is not a fixed frequency. Use a count and a unit such as \"1h\", \"30min\", \"10s\", \"1D\", \"500ms\" (units: D, h/H, min/T, s/S, ms/L, us/U, ns/N).",
                nameof(frequency));
        }
        var count = match.Groups[1].Value.Length == 0 ? 1 : long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value switch
        {
            "D" or "d" => 86_400_000_000_000L,
            "H" or "h" => 3_600_000_000_000L,
            "T" or "min" => 60_000_000_000L,
            "S" or "s" => 1_000_000_000L,
            "L" or "ms" => 1_000_000L,
            "U" or "us" => 1_000L,
            _ => 1L,
        };
        if (count <= 0)
        {
            throw new ArgumentException($"'{frequency}' has a count of {count}; a frequency needs a positive count.", nameof(frequency));
        }
        return checked(count * unit);
    }

    [GeneratedRegex(@"^(\d*)\s*(D|d|H|h|T|min|S|s|L|ms|U|us|N|ns)$")]
    private static partial Regex Pattern();
}
