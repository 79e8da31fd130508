using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.IO.Parquet;

namespace Tessera.DataFrames.Tests;

public sealed class ParquetTests
{
    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Zstd)]
    [InlineData(ParquetCompression.Gzip)]
    public void ToParquet_EveryType_ReadsBackEqual(ParquetCompression compression)
    {
        using var folder = new TestData.Folder();
        var frame = StorageData.Typed(1733);
        var written = DataFrame.FromFrame(frame, 3).ToParquet(folder.Path, new ParquetWriteOptions { Compression = compression, RowGroupSize = 250 });

        Assert.Equal(3, written.Files.Count);
        Assert.Equal(1733, written.Rows);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
        var back = DataFrame.ReadParquet(folder.Path);
        // 578 rows per partition in groups of 250: 3 groups each, one partition per group.
        Assert.Equal(9, back.NPartitions);
        var read = back.Compute();
        Cells.Equal(frame, read);
        // Types come back as written; the dictionary column as its plain strings.
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            var type = frame.Schema.FieldsList[c].DataType;
            var expected = type is DictionaryType d ? d.ValueType : type;
            Assert.Equal(expected.Name, read.Schema.FieldsList[c].DataType.Name);
        }
        var codec = StorageData.DuckDb($"SELECT DISTINCT compression FROM parquet_metadata('{folder.Path}/*.parquet')").Rows;
        Assert.Equal(compression.ToString().ToUpperInvariant(), Assert.Single(codec)[0]!.ToString()!.ToUpperInvariant());
    }

    [Fact]
    public void ToParquet_ReadByDuckDb_ExactValues()
    {
        using var folder = new TestData.Folder();
        var frame = StorageData.Typed(1211, seed: 3);
        DataFrame.FromFrame(frame, 4).ToParquet(folder.Path);

        var (columns, rows) = StorageData.DuckDb($"SELECT * FROM read_parquet('{folder.Path}/*.parquet') ORDER BY \"row\"");

        Assert.Equal(frame.Columns.ToArray(), columns);
        var ours = Cells.Rows(frame);
        Assert.Equal(ours.Count, rows.Count);
        for (var r = 0; r < ours.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                Assert.True(Equals(ours[r][c], rows[r][c]), $"row {r}, column '{columns[c]}': Tessera wrote {ours[r][c] ?? "null"}, DuckDB read {rows[r][c] ?? "null"}");
            }
        }
    }

    [Fact]
    public void ReadParquet_WrittenByDuckDb_ExactValues()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("duck.parquet");
        const string select = """
            SELECT i::BIGINT AS id, (i % 7)::INTEGER AS small, (i * 0.25)::DOUBLE AS amount,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE 'n' || (i % 13)::VARCHAR END AS label,
                   (i % 3 = 0) AS flag, DATE '2020-01-01' + (i % 400)::INTEGER AS day,
                   TIMESTAMP '2021-06-01 12:00:00' + to_microseconds(i * 1000003) AS at
            FROM range(0, 5003) t(i)
            """;
        StorageData.DuckDbExecute($"COPY ({select}) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1024, COMPRESSION zstd)");

        var df = DataFrame.ReadParquet(path);
        var frame = df.Compute();
        var (columns, expected) = StorageData.DuckDb($"SELECT * FROM read_parquet('{path}')");

        Assert.Equal(columns, frame.Columns.ToArray());
        Assert.True(df.NPartitions >= 2, $"DuckDB wrote {df.NPartitions} row group(s); one partition per row group expected");
        var ours = Cells.Rows(frame);
        Assert.Equal(expected.Count, ours.Count);
        for (var r = 0; r < ours.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                Assert.True(Equals(expected[r][c], ours[r][c]), $"row {r}, column '{columns[c]}': DuckDB {expected[r][c] ?? "null"}, Tessera {ours[r][c] ?? "null"}");
            }
        }
    }

    [Fact]
    public void ReadParquet_Columns_ReadsOnlyTheirChunks()
    {
        using var folder = new TestData.Folder();
        var frame = Sorted(20_000);
        DataFrame.FromFrame(frame, 2).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = 2_500 });
        var info = ParquetFiles.Expand(folder.Path).Select(ParquetFileInfo.Read).ToArray();
        var groups = info.Sum(i => i.RowGroups.Count);

        var all = new ParquetReadCounters();
        var full = DataFrame.ReadParquet(folder.Path, options: new ParquetReadOptions { Counters = all }).Compute();
        var some = new ParquetReadCounters();
        var projected = DataFrame.ReadParquet(folder.Path, ["amount"], options: new ParquetReadOptions { Counters = some }).Compute();

        Assert.Equal(8, groups);
        Assert.Equal(groups, some.RowGroupsRead);
        Assert.Equal(groups, some.ColumnChunksRead);
        Assert.Equal(groups * 4, all.ColumnChunksRead);
        Assert.Equal(["amount"], projected.Columns);
        Cells.Equal(frame[["amount"]], projected);
        Cells.Equal(frame, full);
        // The bytes on disk prove it: the text column's chunks were not fetched.
        var textBytes = ChunkBytes(folder.Path, "note");
        Assert.True(some.BytesRead < all.BytesRead - textBytes,
            $"projection read {some.BytesRead} bytes, the full read {all.BytesRead}; the skipped 'note' chunks hold {textBytes}");
    }

    [Fact]
    public void ReadParquet_Filter_SkipsRowGroupsByStatistics()
    {
        using var folder = new TestData.Folder();
        var frame = Sorted(20_000);
        DataFrame.FromFrame(frame, 2).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = 2_500 });

        var counters = new ParquetReadCounters();
        var df = DataFrame.ReadParquet(folder.Path, ["id", "amount"], filters: d => d["amount"] > 17_000.0, options: new ParquetReadOptions { Counters = counters });
        var result = df.Compute();

        // amount = id * 1.0 sorted: only the last 2 of 8 row groups hold values above 17,000.
        Assert.Equal(2, df.NPartitions);
        Assert.Equal(2, counters.RowGroupsRead);
        var expected = Enumerable.Range(0, frame.RowCount).Where(r => (double)Cells.Of(frame.Column(1), r)! > 17_000.0).ToArray();
        Assert.Equal(expected.Length, result.RowCount);
        Assert.Equal(expected.Select(r => (long)r), Enumerable.Range(0, result.RowCount).Select(r => (long)Cells.Of(result.Column(0), r)!));
    }

    [Fact]
    public void ReadParquet_StringAndCompoundFilters_MatchRowFilter()
    {
        using var folder = new TestData.Folder();
        var frame = Sorted(12_000);
        DataFrame.FromFrame(frame, 3).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = 1_000 });
        var source = DataFrame.FromFrame(frame, 3);

        Func<DataFrame, Column>[] filters =
        [
            d => d["group"] == "g03",
            d => (d["id"] < 1_500L) | (d["group"] >= "g11"),
            d => (d["amount"] >= 4_000.0) & (d["amount"] < 4_100.0) & (d["group"] != "g00"),
            d => d["note"].IsNull(),
        ];
        int[] expectedGroups = [1, 3, 1, 12];
        for (var f = 0; f < filters.Length; f++)
        {
            var counters = new ParquetReadCounters();
            var read = DataFrame.ReadParquet(folder.Path, filters: filters[f], options: new ParquetReadOptions { Counters = counters }).Compute();
            var expected = source[filters[f](source)].Compute();
            Cells.Equal(expected, read);
            Assert.True(counters.RowGroupsRead == expectedGroups[f], $"filter {f}: read {counters.RowGroupsRead} row groups, expected {expectedGroups[f]}");
        }
    }

    [Fact]
    public void ReadParquet_FilterMatchingNothing_IsEmptyWithColumns()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(Sorted(3_000), 1).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = 1_000 });
        var counters = new ParquetReadCounters();

        var result = DataFrame.ReadParquet(folder.Path, ["amount", "group"], d => d["amount"] < -1.0, new ParquetReadOptions { Counters = counters }).Compute();

        Assert.Equal(0, result.RowCount);
        Assert.Equal(["amount", "group"], result.Columns);
        Assert.Equal(0, counters.RowGroupsRead);
    }

    [Fact]
    public void ReadParquet_ManyParts_KeepsPartOrderAndSplitsByFile()
    {
        using var folder = new TestData.Folder();
        var frame = Sorted(1_300);
        DataFrame.FromFrame(frame, 13).ToParquet(folder.Path);

        var byFile = DataFrame.ReadParquet(folder.Path, options: new ParquetReadOptions { SplitRowGroups = false });
        var byGlob = DataFrame.ReadParquet(Path.Combine(folder.Path, "part.*.parquet"));

        Assert.Equal(13, byFile.NPartitions);
        Cells.Equal(frame, byFile.Compute());
        Cells.Equal(frame, byGlob.Compute());
        Assert.Equal(frame.RowCount, DataFrame.ReadParquet(folder.File("part.12.parquet")).Compute().RowCount * 13);
    }

    [Fact]
    public void ReadParquet_GroupByMean_MatchesPandasOnTheCsv()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, files: 2, rows: 3_000, nulls: true);
        DataFrame.ReadCsv(glob).ToParquet(folder.File("pq"));

        var ours = DataFrame.ReadParquet(folder.File("pq")).GroupBy("names")["amount"].Mean().Compute();
        var pandas = Pandas.Run($"out['m'] = frame(read({Pandas.Quote(glob)}).groupby('names').amount.mean().reset_index())");

        FrameAssert.Equal(pandas.GetProperty("m"), ours);
    }

    [Fact]
    public void ToParquet_Overwrites_LeavesNoTemporaryFiles()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(Sorted(100), 2).ToParquet(folder.Path);
        DataFrame.FromFrame(Sorted(50), 2).ToParquet(folder.Path);

        Assert.Equal(["part.0.parquet", "part.1.parquet"], Directory.GetFiles(folder.Path).Select(p => Path.GetFileName(p)!).Order().ToArray());
        Assert.Equal(50, DataFrame.ReadParquet(folder.Path).Compute().RowCount);
    }

    [Fact]
    public void ReadParquet_TruncatedFile_ThrowsFormatErrorNamingFile()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(Sorted(2_000), 1).ToParquet(folder.Path);
        var path = folder.File("part.0.parquet");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ParquetFormatException>(() => DataFrame.ReadParquet(folder.Path));

        Assert.Equal(path, error.Path);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParquet_NotParquet_ThrowsFormatError()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("data.parquet");
        File.WriteAllText(path, "id,names,amount\n1,Alice,10\n2,Bob,20\n");

        var error = Assert.Throws<ParquetFormatException>(() => DataFrame.ReadParquet(path));

        Assert.Equal("header magic", error.Structure);
        Assert.Contains("not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParquet_CorruptedFooter_ThrowsFormatError()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(Sorted(2_000), 1).ToParquet(folder.Path);
        var path = folder.File("part.0.parquet");
        var bytes = File.ReadAllBytes(path);
        var footer = BitConverter.ToInt32(bytes, bytes.Length - 8);
        // Scribble over the footer's Thrift bytes, keeping the frame (magic and length) intact.
        var random = new Random(5);
        for (var i = bytes.Length - 8 - footer; i < bytes.Length - 8; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ParquetFormatException>(() => DataFrame.ReadParquet(path).Compute());

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void ReadParquet_CorruptedPages_ThrowsFormatErrorAtCompute()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(Sorted(20_000), 1).ToParquet(folder.Path, new ParquetWriteOptions { Compression = ParquetCompression.Zstd });
        var path = folder.File("part.0.parquet");
        var bytes = File.ReadAllBytes(path);
        var footer = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var random = new Random(9);
        for (var i = 4; i < bytes.Length - 8 - footer; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }
        File.WriteAllBytes(path, bytes);

        var df = DataFrame.ReadParquet(path);
        var error = Assert.ThrowsAny<Exception>(() => df.Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous }));

        var inner = error is TaskFailedException t ? t.InnerException : error;
        var format = inner as ParquetFormatException ?? throw new Xunit.Sdk.XunitException($"expected a ParquetFormatException, got {inner}");
        Assert.Equal(path, format.Path);
        Assert.Contains("row group", format.Structure, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParquet_UnknownColumn_ListsColumns()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(Sorted(10), 1).ToParquet(folder.Path);

        var error = Assert.ThrowsAny<ArgumentException>(() => DataFrame.ReadParquet(folder.Path, ["amount", "nope"]));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("amount", error.Message, StringComparison.Ordinal);
    }

    /// <summary>id 0..n-1, amount = id (double), group "g00".."gNN" changing every 1,000 rows, a text column with nulls every 1,000th row.</summary>
    private static Frame Sorted(int rows)
    {
        var id = new Int64Array.Builder();
        var amount = new DoubleArray.Builder();
        var group = new StringArray.Builder();
        var note = new StringArray.Builder();
        for (var r = 0; r < rows; r++)
        {
            id.Append(r);
            amount.Append(r);
            group.Append(string.Create(CultureInfo.InvariantCulture, $"g{r / 1000:D2}"));
            if (r % 1000 == 7) { note.AppendNull(); } else { note.Append(string.Create(CultureInfo.InvariantCulture, $"note {r * 7919 % 100003} {Guid.NewGuid():N}")); }
        }
        return Frame.FromColumns(("id", id.Build()), ("amount", amount.Build()), ("group", group.Build()), ("note", note.Build()));
    }

    private static long ChunkBytes(string directory, string column)
    {
        long bytes = 0;
        foreach (var file in ParquetFiles.Expand(directory))
        {
            using var reader = new ParquetSharp.ParquetFileReader(file);
            var index = Enumerable.Range(0, reader.FileMetaData.NumColumns).Single(c => reader.FileMetaData.Schema.Column(c).Name == column);
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                using var chunk = group.MetaData.GetColumnChunkMetaData(index);
                bytes += chunk.TotalCompressedSize;
            }
        }
        return bytes;
    }
}

public sealed class ParquetMetadataFileTests
{
    [Fact]
    public void ToParquet_WriteMetadataFile_ListsEveryPartsRowGroups()
    {
        using var folder = new TestData.Folder();
        var frame = StorageData.Typed(2_000);
        DataFrame.FromFrame(frame, 3).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = 300, WriteMetadataFile = true });
        var metadata = folder.File("_metadata");

        using var reader = new ParquetSharp.ParquetFileReader(metadata);
        var duck = StorageData.DuckDb($"SELECT count(*), sum(row_group_num_rows)::BIGINT FROM (SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('{metadata}'))").Rows[0];
        var parts = ParquetFiles.Expand(folder.Path).Select(ParquetFileInfo.Read).ToArray();

        Assert.Equal(3, parts.Length); // _metadata is not taken for data
        Assert.Equal(2_000, reader.FileMetaData.NumRows);
        Assert.Equal(parts.Sum(p => p.RowGroups.Count), reader.FileMetaData.NumRowGroups);
        Assert.Equal((long)reader.FileMetaData.NumRowGroups, duck[0]);
        Assert.Equal(2_000L, duck[1]);
        // Each row group names its part: the part's own name appears once per column chunk.
        var text = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(metadata));
        for (var p = 0; p < 3; p++)
        {
            var expected = parts[p].RowGroups.Count * frame.ColumnCount;
            Assert.Equal(expected, System.Text.RegularExpressions.Regex.Count(text, $"part\\.{p}\\.parquet"));
        }
        Cells.Equal(frame, DataFrame.ReadParquet(folder.Path).Compute());
    }

    [Fact]
    public void ToParquet_FewerPartitionsThanBefore_RemovesStaleParts()
    {
        using var folder = new TestData.Folder();
        var frame = StorageData.Typed(600);
        DataFrame.FromFrame(frame, 6).ToParquet(folder.Path, new ParquetWriteOptions { WriteMetadataFile = true });
        DataFrame.FromFrame(frame, 2).ToParquet(folder.Path);

        Assert.Equal(["part.0.parquet", "part.1.parquet"], Directory.GetFiles(folder.Path).Select(f => Path.GetFileName(f)!).Order().ToArray());
        Cells.Equal(frame, DataFrame.ReadParquet(folder.Path).Compute());
    }
}

public sealed class ParquetFilterArgumentTests
{
    [Fact]
    public void ReadParquet_FilterOnAnotherFrame_IsRefused()
    {
        using var folder = new TestData.Folder();
        var frame = StorageData.Typed(50);
        DataFrame.FromFrame(frame, 1).ToParquet(folder.Path);
        var other = DataFrame.FromFrame(frame, 1);

        var error = Assert.Throws<ArgumentException>(() => DataFrame.ReadParquet(folder.Path, filters: _ => other["i32"] > 0));

        Assert.Contains("frame it is given", error.Message, StringComparison.Ordinal);
    }
}
