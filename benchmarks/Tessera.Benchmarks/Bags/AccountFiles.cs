using System.Buffers.Text;
using System.IO.Compression;
using System.Text;

namespace Tessera.Benchmarks.Bags;

/// <summary>
/// Writes the dask tutorial's accounts files: gzipped JSON lines of
/// {"id", "name", "transactions": [{"transaction-id", "amount"}, …]}, seeded, one file per task
/// in parallel. The bytes are formatted by hand: a serializer would make generation, not the
/// workload, the slow part of a run.
/// </summary>
internal static class AccountFiles
{
    public static readonly string[] Names =
    [
        "Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah", "Ingrid", "Jerry", "Kevin", "Laura", "Michael",
        "Norbert", "Oliver", "Patricia", "Quinn", "Ray", "Sarah", "Tim", "Ursula", "Victor", "Wendy", "Xavier", "Yvonne", "Zelda",
    ];

    /// <summary>The files accounts.0.json.gz … in <paramref name="folder"/>, made unless present with the same record count.</summary>
    public static string[] Ensure(string folder, int files, int records)
    {
        Directory.CreateDirectory(folder);
        var paths = Enumerable.Range(0, files).Select(i => Path.Combine(folder, $"accounts.{i}.json.gz")).ToArray();
        var stamp = Path.Combine(folder, "records.txt");
        if (File.Exists(stamp) && File.ReadAllText(stamp) == $"{files} {records}" && paths.All(File.Exists))
        {
            return paths;
        }
        Parallel.For(0, files, i => Write(paths[i], records, seed: i, firstId: (long)i * records));
        File.WriteAllText(stamp, $"{files} {records}");
        return paths;
    }

    private static void Write(string path, int records, int seed, long firstId)
    {
        var random = new Random(seed);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var buffer = new byte[1 << 16];
        var line = new byte[4096];
        var used = 0;
        long transaction = firstId * 10;
        for (var r = 0; r < records; r++)
        {
            var n = 0;
            n += Put(line, n, "{\"id\": "u8);
            n += Number(line, n, firstId + r);
            n += Put(line, n, ", \"name\": \""u8);
            n += Encoding.ASCII.GetBytes(Names[random.Next(Names.Length)], line.AsSpan(n));
            n += Put(line, n, "\", \"transactions\": ["u8);
            var count = random.Next(1, 10);
            for (var t = 0; t < count; t++)
            {
                n += Put(line, n, t == 0 ? "{\"transaction-id\": "u8 : ", {\"transaction-id\": "u8);
                n += Number(line, n, transaction++);
                n += Put(line, n, ", \"amount\": "u8);
                n += Number(line, n, random.Next(-200, 5000));
                line[n++] = (byte)'}';
            }
            n += Put(line, n, "]}\n"u8);
            if (used + n > buffer.Length)
            {
                gzip.Write(buffer, 0, used);
                used = 0;
            }
            line.AsSpan(0, n).CopyTo(buffer.AsSpan(used));
            used += n;
        }
        gzip.Write(buffer, 0, used);
    }

    private static int Put(byte[] line, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(line.AsSpan(at));
        return text.Length;
    }

    private static int Number(byte[] line, int at, long value)
    {
        Utf8Formatter.TryFormat(value, line.AsSpan(at), out var written);
        return written;
    }
}
