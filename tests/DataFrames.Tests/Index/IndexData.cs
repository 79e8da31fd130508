using System.Globalization;
using System.Text;

namespace Tessera.DataFrames.Tests.Index;

/// <summary>
/// Rows with a unique shuffled int key k, a double key with repeats (d), a string and a value with
/// nulls, cut into uneven partitions (one empty); the same rows as CSV for pandas.
/// </summary>
internal sealed class IndexData
{
    public static readonly int[] Sizes = [90, 0, 130, 7, 173];

    public IndexData(TestData.Folder folder, int seed = 11)
    {
        var random = new Random(seed);
        var n = Sizes.Sum();
        var keys = Enumerable.Range(0, n).Select(i => (long)(i * 3 - 200)).OrderBy(_ => random.Next()).ToArray();
        var csv = new StringBuilder("k,d,s,v\n");
        var rows = new List<Row>();
        for (var i = 0; i < n; i++)
        {
            var d = random.Next(40) / 4.0 - 3;
            var v = random.Next(19) == 0 ? (double?)null : Math.Round(random.NextDouble() * 100, 2);
            var s = TestData.Names[random.Next(6)];
            rows.Add(new Row(keys[i], d, s, v));
            csv.Append(keys[i]).Append(',').Append(d.ToString(CultureInfo.InvariantCulture)).Append(',').Append(s).Append(',')
                .Append(v?.ToString(CultureInfo.InvariantCulture) ?? "").Append('\n');
        }
        Path = folder.File("index.csv");
        File.WriteAllText(Path, csv.ToString());
        Whole = DataFrame.RecordFrame(rows);
    }

    public string Path { get; }

    public Frame Whole { get; }

    public DataFrame Frame() => TestData.Partitioned(Whole, Sizes);

    public string Pandas => $"df = pd.read_csv({Tests.Pandas.Quote(Path)})\n";

    private sealed record Row(long k, double d, string s, double? v);
}
