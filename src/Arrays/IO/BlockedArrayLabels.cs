using System.Globalization;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

/// <summary>
/// Label selection (xarray's <c>sel</c> with slices): ranges of coordinate values become index
/// slices of the array, so <c>x.Sel(time: ("2020-01-01", "2020-12-31"), lat: (-30.0, 30.0))</c>
/// is a lazy view that reads only the selected part.
/// </summary>
public static class BlockedArrayLabels
{
    /// <summary>The dimension names and coordinates attached to <paramref name="array"/> (by FromNetCdf or Sel), or null.</summary>
    public static ArrayLabels? Labels<T>(this BlockedArray<T> array) where T : unmanaged => LabelRegistry.Of(array);

    /// <summary>
    /// Selects by label on the usual climate dimensions, each an inclusive range: <paramref name="time"/>
    /// as dates ("2020-01-01", or "2020-03" for a whole month, "2020" for a year, as pandas reads
    /// partial dates), the others as numbers. Descending coordinates (latitudes from 90 to -90)
    /// select the same values as ascending ones. Dimensions not named are kept whole.
    /// </summary>
    public static BlockedArray<T> Sel<T>(this BlockedArray<T> array, (string From, string To)? time = null,
        (double From, double To)? lat = null, (double From, double To)? lon = null, (double From, double To)? level = null)
        where T : unmanaged
    {
        var result = array;
        if (time is var (from, to))
        {
            result = result.Sel("time", ParseStart(from), ParseEnd(to));
        }
        foreach (var (name, range) in new[] { ("lat", lat), ("lon", lon), ("level", level) })
        {
            if (range is var (low, high))
            {
                result = result.Sel(name, low, high);
            }
        }
        return result;
    }

    /// <summary>Selects the positions of <paramref name="dimension"/> whose numeric labels lie in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static BlockedArray<T> Sel<T>(this BlockedArray<T> array, string dimension, double from, double to) where T : unmanaged =>
        Select(array, dimension, labels => labels is double[] numbers ? Range(numbers, Math.Min(from, to), Math.Max(from, to), dimension)
            : throw new ArgumentException($"Dimension '{dimension}' is labelled by {labels.GetType().GetElementType()!.Name}s; select it with dates."));

    /// <summary>Selects the positions of <paramref name="dimension"/> whose time labels lie in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static BlockedArray<T> Sel<T>(this BlockedArray<T> array, string dimension, DateTime from, DateTime to) where T : unmanaged =>
        Select(array, dimension, labels => labels is DateTime[] times
            ? Range(times, from, to, dimension)
            : throw new ArgumentException($"Dimension '{dimension}' is labelled by numbers, not times; select it with numbers (or read with decode: true)."));

    private static BlockedArray<T> Select<T>(BlockedArray<T> array, string dimension, Func<Array, (int Start, int Stop)> range)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var labels = LabelRegistry.Of(array) ?? throw new InvalidOperationException(
            "Sel needs the dimension names and coordinates that FromNetCdf attaches to the array it returns; call Sel on that " +
            "array (or on another Sel's result) before other operations, which do not carry labels.");
        var axis = labels.AxisOf(dimension);
        if (!labels.Coordinates.TryGetValue(dimension, out var coordinate))
        {
            throw new ArgumentException(
                $"Dimension '{dimension}' has no coordinate variable, so it has no labels to select by; index it by position instead.");
        }
        var (start, stop) = range(coordinate);
        var indices = new AxisIndex[array.Rank];
        for (var d = 0; d < indices.Length; d++)
        {
            indices[d] = d == axis ? AxisIndex.Slice(start, stop) : AxisIndex.All;
        }
        var coords = new Dictionary<string, Array>(labels.Coordinates, StringComparer.Ordinal);
        var part = Array.CreateInstance(coordinate.GetType().GetElementType()!, stop - start);
        Array.Copy(coordinate, start, part, 0, stop - start);
        coords[dimension] = part;
        return LabelRegistry.Attach(array[indices], labels with { Coordinates = coords });
    }

    /// <summary>The index range of the values in [low, high] of a monotonic coordinate.</summary>
    private static (int Start, int Stop) Range<TLabel>(TLabel[] values, TLabel low, TLabel high, string dimension)
        where TLabel : IComparable<TLabel>
    {
        // Compared in the labels' own type: times as ticks, which a double would round (to 128 ticks near 2020).
        var ascending = values.Zip(values.Skip(1)).All(p => p.First.CompareTo(p.Second) <= 0);
        var descending = values.Zip(values.Skip(1)).All(p => p.First.CompareTo(p.Second) >= 0);
        if (!ascending && !descending)
        {
            throw new InvalidOperationException(
                $"Coordinate '{dimension}' is not sorted, so a range of labels is not a slice of positions. Sort the data along '{dimension}' first.");
        }
        int start = -1, stop = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].CompareTo(low) >= 0 && values[i].CompareTo(high) <= 0)
            {
                start = start < 0 ? i : start;
                stop = i + 1;
            }
        }
        return start < 0 ? (0, 0) : (start, stop);
    }

    private static DateTime ParseStart(string text) => Parse(text).Start;

    /// <summary>The end of the period a partial date names ("2020-12-31" is the whole day), as pandas reads it.</summary>
    private static DateTime ParseEnd(string text) => Parse(text).End;

    private static (DateTime Start, DateTime End) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd HH", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];
        if (!DateTime.TryParseExact(t, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
        {
            throw new FormatException($"'{text}' is not a date; write dates as 2020-01-31, 2020-01 or 2020 (or 2020-01-31 12:00:00).");
        }
        start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
        var period = t.Length switch
        {
            4 => start.AddYears(1) - start,
            7 => start.AddMonths(1) - start,
            10 => TimeSpan.FromDays(1),
            13 => TimeSpan.FromHours(1),
            16 => TimeSpan.FromMinutes(1),
            19 => TimeSpan.FromSeconds(1),
            _ => TimeSpan.FromTicks(1),
        };
        return (start, start + period - TimeSpan.FromTicks(1));
    }
}
