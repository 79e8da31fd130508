using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Bags.Tests;

/// <summary>One transaction of the dask tutorial's accounts records.</summary>
public sealed record Transaction(
    [property: JsonPropertyName("transaction-id")] long TransactionId,
    [property: JsonPropertyName("amount")] long Amount);

/// <summary>A record of the dask tutorial's accounts files: {"id", "name", "transactions": [...]}.</summary>
public sealed record Account(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("transactions")] List<Transaction> Transactions);

/// <summary>Seeded account records and JSON-lines files of them, small enough for unit tests.</summary>
internal static class Accounts
{
    public static readonly string[] Names = ["Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah"];

    public static List<Account> Make(int count, int seed)
    {
        var random = new Random(seed);
        var accounts = new List<Account>(count);
        long transaction = 0;
        for (var i = 0; i < count; i++)
        {
            var transactions = new List<Transaction>();
            for (var t = random.Next(0, 6); t > 0; t--)
            {
                transactions.Add(new Transaction(transaction++, random.Next(-500, 2000)));
            }
            accounts.Add(new Account(i, Names[random.Next(Names.Length)], transactions));
        }
        return accounts;
    }

    /// <summary>Writes <paramref name="accounts"/> as JSON lines, gzipped when the path ends in .gz.</summary>
    public static void Write(string path, IEnumerable<Account> accounts)
    {
        using var file = File.Create(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(stream);
        foreach (var account in accounts)
        {
            writer.Write(JsonSerializer.Serialize(account));
            writer.Write('\n');
        }
    }
}

/// <summary>A fresh folder removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tessera-bags-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A reader still open on Windows; the temp folder is cleaned by the system.
        }
    }
}
