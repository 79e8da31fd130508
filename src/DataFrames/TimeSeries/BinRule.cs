using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.DataFrames.TimeSeries;

/// <summary>
/// How resample cuts time into bins. A bin is known by its key, the nanosecond its first instant
/// falls on; keys rise with time, <see cref="Next"/> steps from one bin to the following one, and
/// <see cref="Label"/> is what pandas shows for the bin. Fixed frequencies ("1h", "30min") are
/// spans counted from an origin; calendar frequencies ("M", "W", "QS", "A") are months, weeks,
/// quarters and years, whose lengths vary.
/// </summary>
internal abstract partial class BinRule
{
    internal const long NanosecondsPerDay = 86_400_000_000_000L;

    /// <summary>The key of the bin holding each time (in the column's unit, times <paramref name="scale"/> ns).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public long[] Keys(ReadOnlySpan<long> times, long scale)
    {
        var keys = new long[times.Length];
        long key = 0, next = long.MinValue;
        for (var i = 0; i < keys.Length; i++)
        {
            var ns = times[i] * scale;
            // Sorted times stay in one bin for many rows: look the bin up only when a time leaves it.
            if (ns >= next || ns < key)
            {
                key = KeyOf(ns);
                next = Next(key);
            }
            keys[i] = key;
        }
        return keys;
    }

    /// <summary>The key of the bin holding the instant <paramref name="ns"/>.</summary>
    public abstract long KeyOf(long ns);

    /// <summary>The key of the bin after the one keyed <paramref name="key"/>.</summary>
    public abstract long Next(long key);

    /// <summary>pandas' label of the bin keyed <paramref name="key"/>.</summary>
    public abstract long Label(long key);

    /// <summary>
    /// The rule for <paramref name="rule"/>, anchored at the frame's first instant where pandas
    /// anchors (a fixed span: that day's midnight; several months or weeks: the first one's
    /// period); <paramref name="first"/> is null when the frame's divisions are unknown.
    /// </summary>
    public static BinRule Parse(string rule, long? first)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        var match = CalendarPattern().Match(rule.Trim());
        if (!match.Success)
        {
            if (!Frequency.IsFixed(rule))
            {
                throw new ArgumentException(
                    $"'{rule}' is not a frequency Resample knows. Use a fixed span such as \"1h\", \"30min\", \"10s\", \"1D\" " +
                    "(units: D, h/H, min/T, s/S, ms/L, us/U, ns/N) or a calendar one: \"W\" (weeks ending Sunday; \"W-MON\" … \"W-SAT\"), " +
                    "\"M\"/\"ME\" (month end), \"MS\" (month start), \"Q\"/\"QE\", \"QS\", \"A\"/\"Y\"/\"YE\" (year end), \"AS\"/\"YS\", each with an optional count (\"2W\").",
                    nameof(rule));
            }
            // pandas' default origin, "start_day": midnight of the first row's day (the epoch when it is unknown: the same bins for spans dividing a day).
            return new FixedBins(Frequency.Nanoseconds(rule), first is { } f ? FloorDiv(f, NanosecondsPerDay) * NanosecondsPerDay : 0);
        }
        var count = match.Groups["count"].Value.Length == 0 ? 1 : int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        if (count <= 0)
        {
            throw new ArgumentException($"'{rule}' has a count of {count}; a frequency needs a positive count.", nameof(rule));
        }
        if (count > 1 && first is null)
        {
            throw new ArgumentException(
                $"Resample(\"{rule}\") groups {count} calendar periods counted from the frame's first row, which is unknown: its divisions are not known. " +
                "Set the index with known divisions first (SetIndex(column), or SetIndex(column, sorted: true) on a sorted column).", nameof(rule));
        }
        var unit = match.Groups["unit"].Value;
        var weekEnd = match.Groups["day"].Success ? WeekEnd(match.Groups["day"].Value) : DayOfWeek.Sunday;
        return unit switch
        {
            "W" => new CalendarBins(CalendarPeriod.Week(weekEnd), count, endAnchored: true, first),
            "M" or "ME" => new CalendarBins(CalendarPeriod.Months(1), count, endAnchored: true, first),
            "MS" => new CalendarBins(CalendarPeriod.Months(1), count, endAnchored: false, first),
            "Q" or "QE" => new CalendarBins(CalendarPeriod.Months(3), count, endAnchored: true, first),
            "QS" => new CalendarBins(CalendarPeriod.Months(3), count, endAnchored: false, first),
            "A" or "Y" or "YE" => new CalendarBins(CalendarPeriod.Months(12), count, endAnchored: true, first),
            _ => new CalendarBins(CalendarPeriod.Months(12), count, endAnchored: false, first), // AS, YS
        };
    }

    /// <summary>Division rounding towards negative infinity (instants before the epoch are negative).</summary>
    internal static long FloorDiv(long value, long step) => value >= 0 ? value / step : -((-value + step - 1) / step);

    private static DayOfWeek WeekEnd(string day) => day switch
    {
        "MON" => DayOfWeek.Monday,
        "TUE" => DayOfWeek.Tuesday,
        "WED" => DayOfWeek.Wednesday,
        "THU" => DayOfWeek.Thursday,
        "FRI" => DayOfWeek.Friday,
        "SAT" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    // A weekday suffix belongs to weeks only ("W-MON"); month, quarter and year bins start in January.
    [GeneratedRegex(@"^(?<count>\d*)\s*(?:(?<unit>W)(-(?<day>MON|TUE|WED|THU|FRI|SAT|SUN))?|(?<unit>ME|MS|M|QE|QS|Q|YE|YS|AS|A|Y))$")]
    private static partial Regex CalendarPattern();
}

/// <summary>Bins of a fixed span counted from an origin: bins closed on the left, labelled by their start.</summary>
internal sealed class FixedBins(long span, long origin) : BinRule
{
    public override long KeyOf(long ns) => origin + FloorDiv(ns - origin, span) * span;

    public override long Next(long key) => key + span;

    public override long Label(long key) => key;
}

/// <summary>
/// Bins of <c>count</c> calendar periods. pandas labels month, quarter, year and week ends by the
/// last day of the bin (at midnight) and takes that whole day into the bin (closed on the right,
/// bin edges moved to the day's end), so such a bin holds the instants from its first period's
/// first midnight to the midnight after its last period; start-anchored ones ("MS") are labelled
/// by that first midnight. With a count above one, pandas lines the bins up on the first row's
/// period: the first bin ends with it (end-anchored) or starts with it (start-anchored).
/// </summary>
internal sealed class CalendarBins : BinRule
{
    private readonly CalendarPeriod _period;
    private readonly int _count;
    private readonly bool _endAnchored;
    private readonly long _anchor; // the period the bins are counted from

    public CalendarBins(CalendarPeriod period, int count, bool endAnchored, long? first)
    {
        _period = period;
        _count = count;
        _endAnchored = endAnchored;
        _anchor = first is { } f ? period.Of(f) : 0;
    }

    public override long KeyOf(long ns) => _period.Start(First(_period.Of(ns)));

    public override long Next(long key) => _period.Start(_period.Of(key) + _count);

    public override long Label(long key) => _endAnchored ? Next(key) - NanosecondsPerDay : key;

    /// <summary>The first period of the bin holding period <paramref name="p"/>.</summary>
    private long First(long p)
    {
        if (_count == 1)
        {
            return p;
        }
        // End-anchored: bins end at anchor, anchor + count, …; start-anchored: they start there.
        var offset = _endAnchored ? p - _anchor + _count - 1 : p - _anchor;
        return _anchor + (FloorDiv(offset, _count) * _count) - (_endAnchored ? _count - 1 : 0);
    }
}

/// <summary>Calendar periods numbered from the epoch: months (in steps of 1, 3 or 12, starting in January) or weeks ending on a given day.</summary>
internal abstract class CalendarPeriod
{
    private const long NanosecondsPerTick = 100;

    public static CalendarPeriod Months(int months) => new MonthPeriods(months);

    public static CalendarPeriod Week(DayOfWeek end) => new WeekPeriods(end);

    /// <summary>The number of the period holding the instant <paramref name="ns"/> (from the Unix epoch).</summary>
    public abstract long Of(long ns);

    /// <summary>The instant period <paramref name="p"/> starts (midnight of its first day).</summary>
    public abstract long Start(long p);

    protected static DateTime ToDate(long ns) =>
        DateTime.UnixEpoch.AddTicks(BinRule.FloorDiv(ns, NanosecondsPerTick));

    protected static long ToNanoseconds(DateTime date) => (date - DateTime.UnixEpoch).Ticks * NanosecondsPerTick;

    private sealed class MonthPeriods(int months) : CalendarPeriod
    {
        public override long Of(long ns)
        {
            var date = ToDate(ns);
            var month = ((date.Year - 1970) * 12L) + date.Month - 1;
            return BinRule.FloorDiv(month, months);
        }

        public override long Start(long p)
        {
            var month = p * months;
            return ToNanoseconds(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(checked((int)month)));
        }
    }

    private sealed class WeekPeriods(DayOfWeek end) : CalendarPeriod
    {
        // 1970-01-01 was a Thursday; a week starts the day after its end day.
        private readonly long _firstDayOffset = ((int)end + 1 - (int)DayOfWeek.Thursday + 7) % 7;

        public override long Of(long ns)
        {
            return BinRule.FloorDiv(BinRule.FloorDiv(ns, BinRule.NanosecondsPerDay) - _firstDayOffset, 7);
        }

        public override long Start(long p) => ((p * 7) + _firstDayOffset) * BinRule.NanosecondsPerDay;
    }
}
