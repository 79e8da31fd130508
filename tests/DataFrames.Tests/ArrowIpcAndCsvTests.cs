using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.IO.ArrowIpc;

namespace Tessera.DataFrames.Tests;

public sealed class ArrowIpcAndCsvTests
{
    [Theory]
    [InlineData(ArrowIpcCompression.None)]
    [InlineData(ArrowIpcCompression.Lz4)]
    [InlineData(ArrowIpcCompression.Zstd)]
    public void ToArrowIpc_EveryType_ReadsBackEqual(ArrowIpcCompression compression)
    {
        using var folder = new TestData.Folder();
        var frame = StorageData.Typed(1_001);
        var written = DataFrame.FromFrame(frame, 3).ToArrowIpc(folder.Path, compression);

        var back = DataFrame.ReadArrowIpc(folder.Path);

        Assert.Equal(3, back.NPartitions);
        Assert.Equal(1_001, written.Rows);
        Cells.Equal(frame, back.Compute());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
    }

    [Fact]
    public void ToFeather_Compressed_IsSmallerAndMarkedCompressed()
    {
        using var folder = new TestData.Folder();
        var frame = StorageData.Typed(20_000);
        var plain = DataFrame.FromFrame(frame, 1).ToArrowIpc(folder.File("plain"));
        var feather = DataFrame.FromFrame(frame, 1).ToFeather(folder.File("lz4"));

        Assert.EndsWith("part.0.feather", feather.Files[0], StringComparison.Ordinal);
        Assert.True(feather.Bytes < plain.Bytes * 0.9, $"LZ4 file {feather.Bytes} bytes, uncompressed {plain.Bytes}");
        Cells.Equal(frame, DataFrame.ReadFeather(folder.File("lz4")).Compute());
        // The file format's frame: magic at both ends (what pyarrow.feather checks first).
        var bytes = File.ReadAllBytes(feather.Files[0]);
        Assert.Equal("ARROW1"u8.ToArray(), bytes[..6]);
        Assert.Equal("ARROW1"u8.ToArray(), bytes[^6..]);
    }

    [Fact]
    public void ReadArrowIpc_TruncatedOrForeign_ThrowsFormatErrorNamingFile()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(StorageData.Typed(500), 1).ToArrowIpc(folder.Path);
        var path = folder.File("part.0.arrow");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var csv = folder.File("other.arrow");
        File.WriteAllText(csv, "a,b\n1,2\n3,4\n5,6\n");

        var truncated = Assert.Throws<ArrowIpcFormatException>(() => DataFrame.ReadArrowIpc(path));
        var foreign = Assert.Throws<ArrowIpcFormatException>(() => DataFrame.ReadArrowIpc(csv));

        Assert.Equal(path, truncated.Path);
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        Assert.Equal("header magic", foreign.Structure);
    }

    [Fact]
    public void ToCsv_ReadByPandasAndByReadCsv_SameValues()
    {
        using var folder = new TestData.Folder();
        var frame = CsvFrame(2_500);
        var written = DataFrame.FromFrame(frame, 3).ToCsv(folder.File("out/accounts.*.csv.gz"));

        var result = Pandas.Run($"out['df'] = frame(read({Pandas.Quote(folder.File("out/accounts.*.csv.gz"))}, parse_dates=['at']))");
        var ours = DataFrame.ReadCsv(folder.File("out/accounts.*.csv.gz"), new IO.Csv.CsvReadOptions { ParseDates = ["at"] }).Compute();

        Assert.Equal(3, written.Files.Count);
        Assert.All(written.Files, f => Assert.EndsWith(".csv.gz", f, StringComparison.Ordinal));
        Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(written.Files[0])[..2]);
        FrameAssert.Equal(result.GetProperty("df"), frame);
        Assert.Equal(frame.Columns, ours.Columns);
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            for (var r = 0; r < frame.RowCount; r++)
            {
                // CSV has no NaN apart from null: an empty field reads back as null.
                FrameAssert.Same(FrameAssert.Value(frame.Column(c), r), FrameAssert.Value(ours.Column(c), r), $"row {r}, column '{frame.Columns[c]}'");
            }
        }
    }

    [Fact]
    public void ToCsv_Directory_WritesPartFiles()
    {
        using var folder = new TestData.Folder();
        var frame = CsvFrame(100);

        var written = DataFrame.FromFrame(frame, 2).ToCsv(folder.File("parts"));

        Assert.Equal([folder.File("parts/part.0.csv"), folder.File("parts/part.1.csv")], written.Files);
        Assert.StartsWith("id,name,amount,flag,at\n", File.ReadAllText(written.Files[0]), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.File("parts"), ".tmp-*"));
    }

    /// <summary>Columns CSV keeps exactly: int64, strings needing quotes, doubles with NaN, bools, whole-second timestamps.</summary>
    private static Frame CsvFrame(int rows)
    {
        var random = new Random(8);
        var id = new Int64Array.Builder();
        var name = new StringArray.Builder();
        var amount = new DoubleArray.Builder();
        var flag = new BooleanArray.Builder();
        var at = new TimestampArray.Builder(new TimestampType(TimeUnit.Nanosecond, (string?)null));
        string[] names = ["Alice", "Bob, Jr.", "Say \"hi\"", "Zoë", "multi\nline"];
        for (var r = 0; r < rows; r++)
        {
            id.Append(r - 50);
            name.Append(names[random.Next(names.Length)]);
            amount.Append(random.Next(15) == 0 ? double.NaN : Math.Round(random.NextDouble() * 1e5, 3) - 100);
            flag.Append(random.Next(2) == 0);
            at.Append(new DateTimeOffset(new DateTime(2010, 1, 1).AddSeconds(random.Next(300_000_000)), TimeSpan.Zero));
        }
        return Frame.FromColumns(("id", id.Build()), ("name", name.Build()), ("amount", amount.Build()), ("flag", flag.Build()), ("at", at.Build()));
    }
}
