using System.Globalization;
using System.Text;

namespace Tessera.DataFrames.Tests;

/// <summary>Seeded CSV files in the tutorial's accounts shape (id,names,amount), with optional nulls.</summary>
internal static class TestData
{
    public static readonly string[] Names = ["Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah", "Ingrid", "Jerry", "Kevin", "Laura", "Michael", "Norbert", "Oliver", "Patricia", "Quinn", "Ray", "Sarah", "Tim", "Ursula", "Victor", "Wendy", "Xavier", "Yvonne", "Zelda"];

    /// <summary>A temporary folder removed when disposed.</summary>
    public sealed class Folder : IDisposable
    {
        public Folder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tessera-df-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Writes <paramref name="files"/> account files of <paramref name="rows"/> rows each; returns the glob.</summary>
    /// <summary><paramref name="whole"/>'s rows cut into partitions of the given sizes (zero makes an empty one), in order.</summary>
    public static DataFrame Partitioned(Frame whole, IReadOnlyList<int> sizes)
    {
        var batches = new List<Apache.Arrow.RecordBatch>(sizes.Count);
        var at = 0;
        foreach (var size in sizes)
        {
            batches.Add(whole.Slice(at, size).ToArrow());
            at += size;
        }
        return DataFrame.FromArrow(batches);
    }

    public static string Accounts(Folder folder, int files, int rows, int seed = 1, bool nulls = false, int names = 26)
    {
        var random = new Random(seed);
        var id = 0;
        for (var f = 0; f < files; f++)
        {
            var text = new StringBuilder("id,names,amount\n");
            for (var r = 0; r < rows; r++)
            {
                var name = nulls && random.Next(23) == 0 ? "" : Names[random.Next(names)];
                var amount = nulls && random.Next(17) == 0 ? "" : (random.Next(-5000, 100000) / 100.0).ToString(CultureInfo.InvariantCulture);
                text.Append(id++).Append(',').Append(name).Append(',').Append(amount).Append('\n');
            }
            System.IO.File.WriteAllText(folder.File($"accounts.{f}.csv"), text.ToString());
        }
        return folder.File("accounts.*.csv");
    }
}
