using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Bags;

namespace Tessera.Samples.Tutorial;

/// <summary>A transaction of an accounts record.</summary>
internal sealed record Transaction(
    [property: JsonPropertyName("transaction-id")] long TransactionId,
    [property: JsonPropertyName("amount")] long Amount);

/// <summary>A record of the tutorial's accounts files.</summary>
internal sealed record Account(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("transactions")] List<Transaction> Transactions);

/// <summary>
/// The Bag part of the Dask tutorial: a bag from a sequence, then gzipped JSON-lines account
/// files read, filtered, mapped, flattened, counted and folded, as the tutorial's exercises do.
/// </summary>
internal static class BagPart
{
    private static readonly string[] Names = ["Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah", "Ingrid", "Jerry"];

    public static void Run(string outDirectory)
    {
        Console.WriteLine();
        Console.WriteLine("== Bag: LINQ over partitioned records ==");
        var b = Bag.FromSequence(Enumerable.Range(1, 10), partitions: 3);
        Console.WriteLine($"even squares: [{string.Join(", ", b.Where(x => x % 2 == 0).Select(x => x * x).Compute())}]");

        var folder = Path.Combine(outDirectory, "accounts");
        var pattern = WriteAccounts(folder, files: 3, records: 20_000);
        Console.WriteLine($"wrote {pattern} (3 gzipped JSON-lines files of 20,000 accounts)");

        // Lines first, as the tutorial looks at the raw text, then records.
        var lines = Bag.ReadText(pattern);
        Console.WriteLine($"first line: {lines.Take(1).Compute()[0][..60]}…");
        var accounts = Bag.ReadJson<Account>(pattern);
        Console.WriteLine($"partitions: {accounts.Partitions} (one per gzip file)");

        // Exercise: how many Alices, and five of them. Take(5) reads only the first file.
        Console.WriteLine($"accounts named Alice: {accounts.Where(a => a.Name == "Alice").Count().Compute()}");
        var someAlices = accounts.Where(a => a.Name == "Alice").Take(5).Select(a => a.Id).Compute();
        Console.WriteLine($"five Alice ids: [{string.Join(", ", someAlices)}]");

        // Exercise: the mean transaction amount (pluck, flatten, mean in dask).
        var mean = accounts.SelectMany(a => a.Transactions).Select(t => t.Amount).Average().Compute();
        Console.WriteLine($"mean transaction amount: {mean:0.00}");

        // Query syntax works: it compiles to Where and Select.
        var busy = from a in accounts where a.Transactions.Count > 8 select a.Id;
        Console.WriteLine($"accounts with more than 8 transactions: {busy.Count().Compute()}");

        // Exercise: the most common names (frequencies, then topk).
        var top = accounts.Select(a => a.Name).Frequencies().TopK(3, f => f.Count).Compute();
        Console.WriteLine($"top 3 names: {string.Join(", ", top.Select(t => $"{t.Key} ({t.Count})"))}");

        // Exercise: total amount per name, two ways. GroupBy shuffles every record; FoldBy folds
        // per partition and moves one number per name, which is why the tutorial prefers it.
        var totals = accounts.FoldBy(a => a.Name, (sum, a) => sum + a.Transactions.Sum(t => t.Amount), 0L, (x, y) => x + y)
            .Compute().OrderBy(t => t.Key).ToList();
        var grouped = accounts.GroupBy(a => a.Name).Select(g => (g.Key, Total: g.Sum(a => a.Transactions.Sum(t => t.Amount))))
            .Compute().OrderBy(t => t.Key).ToList();
        Console.WriteLine($"FoldBy totals: {string.Join(", ", totals.Take(3).Select(t => $"{t.Key} {t.Value:N0}"))}, …");
        Console.WriteLine($"GroupBy gives the same totals: {totals.Select(t => (t.Key, t.Value)).SequenceEqual(grouped)}");

        // Back to files: one per partition, compressed by extension.
        var written = accounts.Where(a => a.Name == "Alice").Select(a => JsonSerializer.Serialize(a))
            .ToTextFiles(Path.Combine(outDirectory, "alices", "part-*.json.gz"));
        Console.WriteLine($"wrote {written.Count} files of Alices, e.g. {written[0]}");
    }

    /// <summary>Writes accounts.N.json.gz files of seeded random records and returns their glob.</summary>
    private static string WriteAccounts(string folder, int files, int records)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(42);
        long transaction = 0;
        for (var f = 0; f < files; f++)
        {
            using var gzip = new GZipStream(File.Create(Path.Combine(folder, $"accounts.{f}.json.gz")), CompressionLevel.Fastest);
            using var text = new StreamWriter(gzip, new UTF8Encoding(false));
            for (var r = 0; r < records; r++)
            {
                var transactions = Enumerable.Range(0, random.Next(1, 12))
                    .Select(_ => new Transaction(transaction++, random.Next(-100, 2000))).ToList();
                text.Write(JsonSerializer.Serialize(new Account(((long)f * records) + r, Names[random.Next(Names.Length)], transactions)));
                text.Write('\n');
            }
        }
        return Path.Combine(folder, "accounts.*.json.gz");
    }
}
