using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tessera.IO.Hdf5;
using Tessera.Testing;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>Files with compound and string datasets written by h5py and by pandas (PyTables), and what those libraries read from them.</summary>
public sealed class CompoundFiles : IDisposable
{
    public CompoundFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tessera-h5compound-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hdf5", "Scripts", "make_compound.py")).Replace("@OUT@", Directory);
        Expected = JsonDocument.Parse(PythonOracle.Run(script)).RootElement;
    }

    public string Directory { get; }

    public JsonElement Expected { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Compound and string datasets read by ReadColumns, Read&lt;TStruct&gt; and ReadStrings, compared with h5py and PyTables.</summary>
public sealed class CompoundReadTests(CompoundFiles files) : IClassFixture<CompoundFiles>
{
    [StructLayout(LayoutKind.Explicit, Size = 26)]
    private struct SimpleRow
    {
        [FieldOffset(0)] public long index;
        [FieldOffset(8)] public double a;
        [FieldOffset(16)] public Bytes10 b;
    }

    [InlineArray(10)]
    private struct Bytes10
    {
        private byte _first;
    }

    [StructLayout(LayoutKind.Explicit, Size = 26)]
    private struct WrongOffset
    {
        [FieldOffset(0)] public long index;
        [FieldOffset(12)] public double a;
    }

    [StructLayout(LayoutKind.Explicit, Size = 26)]
    private struct WrongType
    {
        [FieldOffset(0)] public long index;
        [FieldOffset(8)] public long a;
    }

    [Fact]
    public void ReadColumns_OfAnH5pyCompound_MatchesH5pyForEveryMemberKind()
    {
        using var file = Hdf5File.Open(files.PathOf("compound.h5"));
        var columns = file.Dataset("records").ReadColumns();
        var e = files.Expected.GetProperty("records");
        Assert.Equal(["index", "a", "b", "c", "v", "e", "p.x", "p.y", "s"], columns.Keys);
        Assert.Equal(733, columns.RowCount);
        Assert.Equal(Longs(e, "index"), columns.Get<long>("index"));
        Assert.Equal(e.GetProperty("a").EnumerateArray().Select(x => x.GetDouble()), columns.Get<double>("a"));
        Assert.Equal(Strings(e, "b"), columns.Get<string>("b"));
        Assert.Equal(Longs(e, "c").Select(x => (int)x), columns.Get<int>("c")); // big-endian member, swapped
        var v = (float[,])columns["v"];
        var ev = e.GetProperty("v").EnumerateArray().Select(r => r.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray()).ToArray();
        Assert.Equal(733, v.GetLength(0));
        Assert.Equal(3, v.GetLength(1));
        for (var r = 0; r < 733; r++)
        {
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(ev[r][k], v[r, k]);
            }
        }
        Assert.Equal(Longs(e, "e").Select(x => (sbyte)x), columns.Get<sbyte>("e"));
        Assert.Equal("blue", columns.EnumNames("e")[7]);
        Assert.Equal(Longs(e, "p.x").Select(x => (short)x), columns.Get<short>("p.x"));
        Assert.Equal(Longs(e, "p.y").Select(x => (ushort)x), columns.Get<ushort>("p.y"));
        Assert.Equal(Strings(e, "s"), columns.Get<string>("s"));
    }

    [Fact]
    public void ReadColumns_OfAHyperslab_GivesThoseRowsOnly()
    {
        using var file = Hdf5File.Open(files.PathOf("compound.h5"));
        var columns = file.Dataset("records").ReadColumns(new Hyperslab([95], [210], [2]));
        var index = Longs(files.Expected.GetProperty("records"), "index");
        Assert.Equal(Enumerable.Range(0, 210).Select(k => index[95 + (2 * k)]), columns.Get<long>("index"));
    }

    [Fact]
    public void ReadStruct_WithMatchingLayout_GivesH5pysRecords()
    {
        using var file = Hdf5File.Open(files.PathOf("compound.h5"));
        var rows = file.Dataset("simple").Read<SimpleRow>();
        var e = files.Expected.GetProperty("records");
        var index = Longs(e, "index");
        var b = Strings(e, "b");
        Assert.Equal(733, rows.FlattenedLength);
        for (var i = 0; i < 733; i++)
        {
            var row = rows[i];
            Assert.Equal(index[i], row.index);
            Assert.Equal(e.GetProperty("a")[i].GetDouble(), row.a);
            ReadOnlySpan<byte> text = row.b;
            var end = text.IndexOf((byte)0);
            Assert.Equal(b[i], System.Text.Encoding.ASCII.GetString(end < 0 ? text : text[..end]));
        }
    }

    [Fact]
    public void ReadStruct_WithAWrongOffsetOrType_SaysWhatTheLayoutMustBe()
    {
        using var file = Hdf5File.Open(files.PathOf("compound.h5"));
        var ds = file.Dataset("simple");
        var offset = Assert.Throws<InvalidOperationException>(() => ds.Read<WrongOffset>());
        Assert.Contains("field a is at byte 12; the member is at byte 8", offset.Message, StringComparison.Ordinal);
        Assert.Contains("[FieldOffset(16)] public fixed byte b[10]", offset.Message, StringComparison.Ordinal);
        var type = Assert.Throws<InvalidOperationException>(() => ds.Read<WrongType>());
        Assert.Contains("field a is Int64; the member stores <f8 (a double)", type.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadNumbers_OfACompound_NamesTheTypeAsH5pyDoesAndTheCallsThatReadIt()
    {
        using var file = Hdf5File.Open(files.PathOf("compound.h5"));
        var error = Assert.Throws<InvalidOperationException>(() => file.Dataset("simple").Read<double>());
        Assert.Contains("[('index', '<i8'), ('a', '<f8'), ('b', 'S10')]", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReadColumns()", error.Message, StringComparison.Ordinal);
        Assert.Contains("Read<TStruct>()", error.Message, StringComparison.Ordinal);
        var strings = Assert.Throws<InvalidOperationException>(() => file.Dataset("vlen_utf8").Read<byte>());
        Assert.Contains("O (variable-length UTF-8 string)", strings.Message, StringComparison.Ordinal);
        Assert.Contains("ReadStrings()", strings.Message, StringComparison.Ordinal);
        var columns = Assert.Throws<InvalidOperationException>(() => file.Dataset("numbers").ReadColumns());
        Assert.Contains("<i4", columns.Message, StringComparison.Ordinal);
        Assert.Contains("Read<int>()", columns.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fixed_ascii")]
    [InlineData("vlen_utf8")]
    [InlineData("space_padded")]
    public void ReadStrings_MatchesH5py(string name)
    {
        using var file = Hdf5File.Open(files.PathOf("compound.h5"));
        Assert.Equal(files.Expected.GetProperty(name).EnumerateArray().Select(x => x.GetString()!), file.Dataset(name).ReadStrings());
    }

    [Fact]
    public void ReadColumns_OfAPandasTable_MatchesPyTables()
    {
        using var file = Hdf5File.Open(files.PathOf("pandas.h5"));
        var columns = file.Dataset("df/table").ReadColumns();
        var e = files.Expected.GetProperty("pandas");
        Assert.Equal(e.EnumerateObject().Select(p => p.Name), columns.Keys);
        Assert.Equal(Longs(e, "index"), columns.Get<long>("index"));
        foreach (var (name, values) in columns.Where(c => c.Key != "index"))
        {
            var expected = e.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToArray();
            Assert.Equal(expected.Length, values.GetLength(0));
            Assert.Equal(expected[0].Length, values.GetLength(1));
            for (var r = 0; r < expected.Length; r++)
            {
                for (var k = 0; k < expected[r].Length; k++)
                {
                    var actual = values.GetValue(r, k)!;
                    object want = actual switch
                    {
                        string => expected[r][k].GetString()!,
                        double => expected[r][k].GetDouble(),
                        long => expected[r][k].GetInt64(),
                        int => expected[r][k].GetInt32(),
                        _ => throw new InvalidOperationException($"unexpected column type {actual.GetType()} for {name}"),
                    };
                    Assert.Equal(want, actual);
                }
            }
        }
    }

    [Fact]
    public void ReadColumns_OfRandomlyCorruptedCompoundFiles_GivesDataOrFormatError()
    {
        var original = File.ReadAllBytes(files.PathOf("compound.h5"));
        // TESSERA_MUTATION_SECONDS / _SEED allow long local soak runs, as in MutationTests.
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("TESSERA_MUTATION_SECONDS"), out var s) ? s : 3;
        var random = new Random(2424 + (int.TryParse(Environment.GetEnvironmentVariable("TESSERA_MUTATION_SEED"), out var extra) ? extra : 0));
        var path = files.PathOf("mutated.h5");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int variants = 0, rejected = 0;
        var failures = new List<string>();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds) && (variants < 1000 || seconds > 3))
        {
            var bytes = (byte[])original.Clone();
            var flips = new List<string>();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                // Half the flips land in the first 4 KiB, where the datatype and layout messages are.
                var at = random.Next(2) == 0 ? random.Next(Math.Min(4096, bytes.Length)) : random.Next(bytes.Length);
                var mask = (byte)random.Next(1, 256);
                bytes[at] ^= mask;
                flips.Add($"{at}^0x{mask:x2}");
            }
            File.WriteAllBytes(path, bytes);
            try
            {
                using var file = Hdf5File.Open(path);
                RobustnessWalker.Walk(file);
            }
            catch (Exception e) when (e is Hdf5FormatException or NotSupportedException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                failures.Add($"[{string.Join(", ", flips)}]: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            variants++;
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {variants} variants failed badly:\n{string.Join("\n", failures.Take(3))}");
        Assert.True(rejected > 0, "no variant was detected as corrupt");
    }

    private static long[] Longs(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetInt64())];

    private static string[] Strings(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!)];
}
