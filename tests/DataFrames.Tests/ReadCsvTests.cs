using System.IO.Compression;
using System.Text;
using Apache.Arrow.Types;
using Tessera.IO.Csv;

namespace Tessera.DataFrames.Tests;

public sealed class ReadCsvTests
{
    public static TheoryData<SchedulerKind> Executors => [SchedulerKind.Threaded, SchedulerKind.Synchronous];

    [Theory]
    [MemberData(nameof(Executors))]
    public void ReadCsv_WithNulls_MatchesPandasValuesDtypesAndOrder(SchedulerKind scheduler)
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 3, 733, nulls: true);
        var options = new ComputeOptions { Scheduler = scheduler };
        var df = DataFrame.ReadCsv(glob);
        Assert.Equal(3, df.NPartitions);
        var expected = Pandas.Run($"out['df'] = frame(read({Pandas.Quote(glob)}))");
        FrameAssert.Equal(expected.GetProperty("df"), df.Compute(options));
    }

    [Fact]
    public void ReadCsv_SmallBlocks_SplitsAtRowBoundariesWithoutLosingRows()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 2, 1000, nulls: true);
        var df = DataFrame.ReadCsv(glob, new CsvReadOptions { BlockSize = 997 });
        Assert.True(df.NPartitions > 20, $"expected many blocks, got {df.NPartitions}");
        var expected = Pandas.Run($"out['df'] = frame(read({Pandas.Quote(glob)}))");
        FrameAssert.Equal(expected.GetProperty("df"), df.Compute());
    }

    [Fact]
    public void ReadCsv_Options_MatchPandas()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("opts.csv");
        File.WriteAllText(path, "a;b;c;when;flag\n1;x;2.5;2024-01-31;True\n2;\"y;z\";missing;2024-02-01 10:30:00;False\n"
            + "3;\"q \"\"quoted\"\"\";-1e3;2023-12-31T23:59:59;True\n\n4;;7;;False\r\n");
        var options = new CsvReadOptions
        {
            Separator = ';',
            UseColumns = ["c", "a", "b", "when"],
            NullValues = ["", "missing"],
            ParseDates = ["when"],
            DTypes = new Dictionary<string, IArrowType> { ["a"] = DoubleType.Default },
        };
        var frame = DataFrame.ReadCsv(path, options).Compute();
        var expected = Pandas.Run($$"""
            out['df'] = frame(pd.read_csv({{Pandas.Quote(path)}}, sep=';', usecols=['c', 'a', 'b', 'when'],
                na_values=['missing'], parse_dates=['when'], dtype={'a': 'float64'}))
            """);
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }

    [Fact]
    public void ReadCsv_NoHeader_NamesColumns()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("plain.csv");
        File.WriteAllText(path, "1,2\n3,4\n");
        var frame = DataFrame.ReadCsv(path, new CsvReadOptions { HasHeader = false, ColumnNames = ["x", "y"] }).Compute();
        var expected = Pandas.Run($"out['df'] = frame(pd.read_csv({Pandas.Quote(path)}, header=None, names=['x', 'y']))");
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }

    [Fact]
    public void ReadCsv_GzipAndZstd_OnePartitionPerFile()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 2, 300, nulls: true);
        var files = CsvFiles.Expand(glob);
        using (var gz = new GZipStream(File.Create(folder.File("packed.0.csv.gz")), CompressionLevel.Fastest))
        {
            gz.Write(File.ReadAllBytes(files[0]));
        }
        using (var file = File.Create(folder.File("packed.1.csv.zst")))
        using (var zs = new ZstdSharp.CompressionStream(file))
        {
            zs.Write(File.ReadAllBytes(files[1]));
        }
        var df = DataFrame.ReadCsv([folder.File("packed.0.csv.gz"), folder.File("packed.1.csv.zst")],
            new CsvReadOptions { BlockSize = 100 });
        Assert.Equal(2, df.NPartitions);
        var expected = Pandas.Run($"out['df'] = frame(read({Pandas.Quote(glob)}))");
        FrameAssert.Equal(expected.GetProperty("df"), df.Compute());
    }

    [Fact]
    public void ReadCsv_MalformedRow_ErrorNamesFileLineAndColumn()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("bad.csv");
        var text = new StringBuilder("id,amount\n");
        for (var i = 0; i < 500; i++)
        {
            text.Append(i).Append(',').Append(i * 1.5).Append('\n');
        }
        text.Append("500,oops\n501,2.0\n");
        File.WriteAllText(path, text.ToString());
        // Small blocks: the bad row is in a later block, so its line is counted across blocks; the
        // sample that infers types ends before it.
        var df = DataFrame.ReadCsv(path, new CsvReadOptions { BlockSize = 1000, SampleBytes = 1000 });
        var error = Assert.Throws<TaskFailedException>(() => df.Compute());
        var csv = Assert.IsType<CsvFormatException>(error.InnerException);
        Assert.Equal(502, csv.Line);
        Assert.Equal("amount", csv.Column);
        Assert.Equal(path, csv.Path);
        Assert.Contains("'oops' is not a number", csv.Message);
    }

    [Fact]
    public void ReadCsv_TooManyFields_ErrorsOrIsSkippedAndCounted()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("wide.csv");
        File.WriteAllText(path, "a,b\n1,2\n3,4,5\n6,7\n8,x\n");
        // Types come from the first two lines, so "x" is a bad int later.
        var error = Assert.Throws<TaskFailedException>(() => DataFrame.ReadCsv(path, new CsvReadOptions { SampleBytes = 8 }).Compute());
        var csv = Assert.IsType<CsvFormatException>(error.InnerException);
        Assert.Equal(3, csv.Line);
        Assert.Contains("expected 2 fields, saw 3", csv.Message);

        var skipped = DataFrame.ReadCsv(path, new CsvReadOptions { OnBadRow = BadRowAction.Skip, SampleBytes = 8 }).Compute();
        Assert.Equal(2, skipped.RowCount);
        Assert.Equal(2, skipped.SkippedRows);
        Assert.Equal([1L, 6L], skipped["a"].ToList().Cast<long>());
    }

    [Fact]
    public void ReadCsv_MissingColumnOrFile_SaysWhatExists()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 1, 10);
        var error = Assert.Throws<ArgumentException>(() => DataFrame.ReadCsv(glob, new CsvReadOptions { UseColumns = ["nope"] }));
        Assert.Contains("id, names, amount", error.Message);
        Assert.Throws<FileNotFoundException>(() => DataFrame.ReadCsv(folder.File("none.*.csv")));
    }
}
