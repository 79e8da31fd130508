using Tessera.DataFrames.Indexing;

namespace Tessera.DataFrames.Tests.Index;

/// <summary>The radix argsort against a stable LINQ sort: keys in order, and ties in row order.</summary>
public class RadixArgSortTests
{
    public static TheoryData<string> Shapes => ["wide", "narrow", "duplicates", "extremes", "sorted", "reversed", "constant"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sort_EqualsAStableSort(string shape)
    {
        var random = new Random(shape.GetHashCode(StringComparison.Ordinal));
        const int n = 10_000;
        var keys = new long[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = shape switch
            {
                "wide" => random.NextInt64(long.MinValue, long.MaxValue),
                "narrow" => 1_000_000 + random.Next(-300, 300), // most passes see one digit and are skipped
                "duplicates" => random.Next(-5, 5),
                "extremes" => random.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, 2 => 0, _ => -1 },
                "sorted" => i * 3L - 7_000,
                "reversed" => (n - i) * -11L,
                _ => 42,
            };
        }
        var expected = Enumerable.Range(0, n).OrderBy(i => keys[i]).ToArray(); // OrderBy is stable
        var order = Enumerable.Range(0, n).ToArray();
        var sorted = (long[])keys.Clone();

        RadixArgSort.Sort(sorted, order);

        Assert.Equal(expected, order);
        Assert.Equal(expected.Select(i => keys[i]), sorted);
    }
}
