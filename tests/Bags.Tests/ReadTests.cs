using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Tessera.Bags.Tests;

public abstract class ReadTests(SchedulerKind kind) : OnExecutor(kind)
{
    [Theory]
    [InlineData(null)]
    [InlineData(1L)]
    [InlineData(7L)]
    [InlineData(64L)]
    [InlineData(1000L)]
    public void ReadText_Blocks_KeepEveryLineOnceInOrder(long? blockSize)
    {
        using var folder = new TempFolder();
        var lines = Enumerable.Range(0, 120).Select(i => new string((char)('a' + (i % 26)), i % 17)).ToList();
        var path = folder.File("lines.txt");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var bag = Bag.ReadText(path, blockSize);
        Assert.Equal(lines, bag.Compute(Options));
        if (blockSize is { } size)
        {
            Assert.Equal((int)((new FileInfo(path).Length + size - 1) / size), bag.Partitions);
        }
    }

    [Fact]
    public void ReadText_CrLf_NoFinalNewline_LongLine()
    {
        using var folder = new TempFolder();
        var longLine = new string('x', 700_000); // longer than the reader's first buffer
        var path = folder.File("mixed.txt");
        File.WriteAllText(path, "one\r\ntwo\n\n" + longLine + "\nlast");
        Assert.Equal(["one", "two", "", longLine, "last"], Bag.ReadText(path, blockSize: 100_000).Compute(Options));
    }

    [Fact]
    public void ReadText_GzipZstdAndGlob_MatchPlainLines()
    {
        using var folder = new TempFolder();
        var lines = Enumerable.Range(0, 1000).Select(i => $"line {i} ünïcode").ToList();
        var text = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        using (var gz = new GZipStream(File.Create(folder.File("a.0.txt.gz")), CompressionLevel.Fastest))
        {
            gz.Write(text);
        }
        File.WriteAllBytes(folder.File("a.1.txt.zst"), new ZstdSharp.Compressor(3).Wrap(text).ToArray());
        File.WriteAllBytes(folder.File("a.2.txt"), text);
        var bag = Bag.ReadText(Path.Combine(folder.Path, "a.*"), blockSize: 4096);
        Assert.Equal(1 + 1 + (text.Length + 4095) / 4096, bag.Partitions); // compressed files are one partition each
        Assert.Equal(lines.Concat(lines).Concat(lines), bag.Compute(Options));
        Assert.Equal(lines, Bag.ReadText([folder.File("a.1.txt.zst")]).Compute(Options));
    }

    [Fact]
    public void ReadText_MissingFileOrPattern_SaysWhatToFix()
    {
        using var folder = new TempFolder();
        var missing = Assert.Throws<FileNotFoundException>(() => Bag.ReadText(folder.File("none.txt")));
        Assert.Contains("none.txt", missing.Message);
        var nothing = Assert.Throws<FileNotFoundException>(() => Bag.ReadText(folder.File("*.json.gz")));
        Assert.Contains("matches no file", nothing.Message);
    }

    [Fact]
    public void ReadJson_TypedAndElements_MatchSerializer()
    {
        using var folder = new TempFolder();
        var people = Accounts.Make(300, seed: 3);
        Accounts.Write(folder.File("accounts.0.json.gz"), people.Take(100));
        Accounts.Write(folder.File("accounts.1.json"), people.Skip(100));
        var pattern = Path.Combine(folder.Path, "accounts.*.json*");
        var typed = Bag.ReadJson<Account>(pattern, blockSize: 5000);
        Assert.True(typed.Partitions > 2);
        Assert.Equal(people.Select(a => (a.Id, a.Name, a.Transactions.Sum(t => t.Amount))),
            typed.Select(a => (a.Id, a.Name, a.Transactions.Sum(t => t.Amount))).Compute(Options));
        var elements = Bag.ReadJson(pattern).Select(e => e.GetProperty("name").GetString()).Compute(Options);
        Assert.Equal(people.Select(a => a.Name), elements);
    }

    [Fact]
    public void ReadJson_Utf8JsonReader_MatchesSerializer_SerialAndParallelParse()
    {
        using var folder = new TempFolder();
        var people = Accounts.Make(5000, seed: 5); // several 64 KiB chunks when parsed in parallel
        Accounts.Write(folder.File("one.json.gz"), people);
        // One gzip file on this machine's cores: parsed on the thread pool, chunk by chunk, in order.
        var names = Bag.ReadJson(folder.File("one.json.gz"), static (ref System.Text.Json.Utf8JsonReader reader) =>
        {
            var name = "";
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                reader.Read();
                if (isName)
                {
                    name = reader.GetString()!;
                }
                else
                {
                    reader.Skip();
                }
            }
            return name;
        });
        Assert.Equal(people.Select(a => a.Name), names.Compute(Options));
        Assert.Equal(people.Select(a => a.Id), Bag.ReadJson<Account>(folder.File("one.json.gz")).Select(a => a.Id).Compute(Options));
        Assert.Equal(people.Take(7).Select(a => a.Id), Bag.ReadJson<Account>(folder.File("one.json.gz")).Take(7).Select(a => a.Id).Compute(Options));
    }

    [Fact]
    public void ReadJson_BadLine_NamesTheLine()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.json");
        File.WriteAllText(path, "{\"id\":1,\"name\":\"A\",\"transactions\":[]}\n\n{\"id\":2,\"name\":\n");
        // One file is parsed in parallel chunks, two files each on their own thread: both name the line.
        foreach (var paths in new[] { new[] { path }, new[] { path, path } })
        {
            var error = Assert.Throws<TaskFailedException>(() => Bag.ReadJson<Account>(paths).Compute(Options));
            var inner = Assert.IsType<InvalidDataException>(error.InnerException);
            Assert.Contains("Line 3 ", inner.Message);
            Assert.Contains("at byte 39 ", inner.Message);
            Assert.IsAssignableFrom<JsonException>(inner.InnerException);
        }
    }

    [Fact]
    public void ToTextFiles_RoundTrips_ThroughGzipJson()
    {
        using var folder = new TempFolder();
        var people = Accounts.Make(250, seed: 4);
        var paths = Bag.FromSequence(people, partitions: 3).ToTextFiles(Path.Combine(folder.Path, "out", "part-*.json.gz"), Options);
        Assert.Equal(3, paths.Count);
        Assert.All(paths, p => Assert.True(File.Exists(p)));
        var back = Bag.ReadJson<Account>(Path.Combine(folder.Path, "out", "part-*.json.gz")).Compute(Options);
        Assert.Equal(people.Select(a => a.Id), back.Select(a => a.Id));
        Assert.Equal(people.Select(a => a.Transactions.Count), back.Select(a => a.Transactions.Count));
        var text = Bag.FromSequence(["x", "y"], partitions: 1).ToTextFiles(folder.File("plain-*.txt.zst"), Options);
        Assert.Equal(["x", "y"], Bag.ReadText(text).Compute(Options));
    }

    [Fact]
    public void ReadSelectWhereCount_IsOneTaskPerPartition()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 3; i++)
        {
            Accounts.Write(folder.File($"accounts.{i}.json.gz"), Accounts.Make(50, seed: 10 + i));
        }
        var count = Bag.ReadJson<Account>(Path.Combine(folder.Path, "*.json.gz")).Where(a => a.Name == "Alice").Select(a => a.Id).Count();
        var graph = count.ToGraph();
        // 3 fused read-where-select-count tasks and the aggregate: no task per operator.
        Assert.Equal(4, graph.Count);
        Assert.Equal(3, graph.Tasks.Count(t => t.Kind.EndsWith("-chunk", StringComparison.Ordinal)));
        Assert.Empty(graph.Tasks.Single(t => t.Kind.EndsWith("-chunk", StringComparison.Ordinal) && t.Key.EndsWith("[0]", StringComparison.Ordinal)).Dependencies);
        var expected = Enumerable.Range(0, 3).SelectMany(i => Accounts.Make(50, seed: 10 + i)).Count(a => a.Name == "Alice");
        Assert.Equal(expected, count.Compute(Options));
    }
}

public sealed class ReadTestsThreaded() : ReadTests(SchedulerKind.Threaded);

public sealed class ReadTestsSynchronous() : ReadTests(SchedulerKind.Synchronous);
