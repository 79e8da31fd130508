using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.IO.NetCdf;

/// <summary>
/// CF time coordinates: numbers in <c>units</c> of "&lt;unit&gt; since &lt;reference date&gt;" on a
/// <c>calendar</c>. Decoded to <see cref="DateTime"/> (UTC) for the calendars DateTime keeps:
/// proleptic_gregorian, and standard/gregorian for dates from 1582-10-15 on (where they agree).
/// Other calendars (noleap, 360_day, julian…) have dates DateTime cannot hold and are refused.
/// </summary>
public static partial class CfTime
{
    private static readonly DateTime GregorianStart = new(1582, 10, 15, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Whether <paramref name="units"/> reads as CF time units ("days since 2000-01-01").</summary>
    public static bool IsTimeUnits(string? units) => units is not null && UnitsPattern().IsMatch(units.Trim());

    /// <summary>Decodes <paramref name="values"/> given in <paramref name="units"/> on <paramref name="calendar"/> (null means standard).</summary>
    public static DateTime[] Decode(ReadOnlySpan<double> values, string units, string? calendar, string variable = "time")
    {
        var (tick, origin) = Parse(units, calendar, variable);
        var result = new DateTime[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (double.IsNaN(v))
            {
                throw new FormatException($"Time variable '{variable}' holds a missing value at index {i}; DateTime has no NaT. Read it with decode: false.");
            }
            result[i] = origin.AddTicks(checked((long)Math.Round(v * tick)));
            if (IsStandard(calendar) && result[i] < GregorianStart)
            {
                throw StandardBefore1582(variable, result[i]);
            }
        }
        return result;
    }

    /// <summary>
    /// Encodes <paramref name="times"/> as numbers on the proleptic Gregorian calendar: whole days
    /// since the first date's midnight when every time is at midnight, otherwise hours, seconds or
    /// milliseconds, whichever unit makes every value whole.
    /// </summary>
    public static (double[] Values, string Units, string Calendar) Encode(IReadOnlyList<DateTime> times)
    {
        var origin = times.Count == 0 ? new DateTime(1970, 1, 1) : times.Min().Date;
        (string Name, long Ticks)[] units =
            [("days", TimeSpan.TicksPerDay), ("hours", TimeSpan.TicksPerHour), ("seconds", TimeSpan.TicksPerSecond),
             ("milliseconds", TimeSpan.TicksPerMillisecond), ("microseconds", 10)];
        var unit = units.First(u => times.All(t => (t - origin).Ticks % u.Ticks == 0) || u.Ticks == 10);
        var values = times.Select(t => (t - origin).Ticks / (double)unit.Ticks).ToArray();
        return (values, $"{unit.Name} since {origin:yyyy-MM-dd HH:mm:ss}", "proleptic_gregorian");
    }

    private static (double TicksPerUnit, DateTime Origin) Parse(string units, string? calendar, string variable)
    {
        var cal = (calendar ?? "standard").Trim().ToLowerInvariant();
        if (cal is not ("standard" or "gregorian" or "proleptic_gregorian"))
        {
            throw new NotSupportedException(
                $"Time variable '{variable}' uses calendar \"{calendar}\"; only standard, gregorian and proleptic_gregorian decode to " +
                "DateTime (the others have dates DateTime cannot hold, such as February 30). Read the numbers with decode: false " +
                "and convert them with a calendar library (cftime in Python).");
        }
        var match = UnitsPattern().Match(units.Trim());
        if (!match.Success)
        {
            throw new FormatException(
                $"Time variable '{variable}' has units \"{units}\"; CF time units look like \"days since 2000-01-01\" " +
                "(days, hours, minutes, seconds, milliseconds or microseconds since a date).");
        }
        double tick = match.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s') switch
        {
            "day" or "d" => TimeSpan.TicksPerDay,
            "hour" or "hr" or "h" => TimeSpan.TicksPerHour,
            "minute" or "min" => TimeSpan.TicksPerMinute,
            "second" or "sec" or "" => TimeSpan.TicksPerSecond,
            "millisecond" or "m" => TimeSpan.TicksPerMillisecond,
            "microsecond" or "u" => 10,
            var other => throw new FormatException($"Time variable '{variable}': unit \"{other}\" in \"{units}\" is not a CF time unit."),
        };
        var origin = ParseDate(match.Groups["date"].Value, units, variable);
        if (IsStandard(calendar) && origin < GregorianStart)
        {
            throw StandardBefore1582(variable, origin);
        }
        return (tick, origin);
    }

    private static DateTime ParseDate(string text, string units, string variable)
    {
        var trimmed = text.Trim().Replace('T', ' ');
        trimmed = TimeZoneSuffix().Replace(trimmed, "");
        var parts = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var date = parts[0].Split('-');
        var time = parts.Length > 1 ? parts[1].Split(':') : [];
        try
        {
            var seconds = time.Length > 2 ? double.Parse(time[2], CultureInfo.InvariantCulture) : 0;
            return new DateTime(int.Parse(date[0], CultureInfo.InvariantCulture),
                date.Length > 1 ? int.Parse(date[1], CultureInfo.InvariantCulture) : 1,
                date.Length > 2 ? int.Parse(date[2], CultureInfo.InvariantCulture) : 1,
                time.Length > 0 ? int.Parse(time[0], CultureInfo.InvariantCulture) : 0,
                time.Length > 1 ? int.Parse(time[1], CultureInfo.InvariantCulture) : 0, 0, DateTimeKind.Utc)
                .AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new FormatException(
                $"Time variable '{variable}' has units \"{units}\" whose reference date \"{text}\" is not a date like 2000-01-01 or 2000-01-01 12:00:00.", e);
        }
    }

    private static bool IsStandard(string? calendar) => (calendar ?? "standard").Trim().ToLowerInvariant() is "standard" or "gregorian";

    private static NotSupportedException StandardBefore1582(string variable, DateTime date) => new(
        $"Time variable '{variable}' reaches {date:yyyy-MM-dd} on the standard calendar, which is Julian before 1582-10-15; " +
        "DateTime is proleptic Gregorian. Read the numbers with decode: false, or store the times with calendar \"proleptic_gregorian\".");

    [GeneratedRegex(@"^(?<unit>[A-Za-z]+)\s+since\s+(?<date>[-+]?\d{1,4}(-\d{1,2}(-\d{1,2})?)?([ T]\d{1,2}(:\d{1,2}(:\d{1,2}(\.\d+)?)?)?)?\s*(Z|UTC|[+-]0{1,2}(:?00)?)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex UnitsPattern();

    [GeneratedRegex(@"\s*(Z|UTC|[+-]0{1,2}(:?00)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeZoneSuffix();
}
