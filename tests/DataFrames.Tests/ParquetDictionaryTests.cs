using Apache.Arrow;
using Tessera.DataFrames.Grouping;
using Tessera.IO.Parquet;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// Dictionary-encoded string columns are read as codes (<see cref="DictionaryStringArray"/>): a
/// group-by uses the codes, and everything else must see the same strings a plain read gives.
/// </summary>
public sealed class ParquetDictionaryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GroupBy_OnDictionaryCodes_MatchesPandas(bool splitRowGroups)
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 3, 700, nulls: true, names: 19);
        var parquet = Path.Combine(folder.Path, "parquet");
        // Row groups of 300 rows: without splitting, a partition joins row groups whose dictionaries differ.
        DataFrame.ReadCsv(glob).ToParquet(parquet, new ParquetWriteOptions { RowGroupSize = 300 });
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            g = df.groupby('names')
            for agg in ['sum', 'mean', 'count', 'min', 'max', 'std', 'first', 'last', 'nunique']:
                out[agg] = frame(getattr(g['amount'], agg)().reset_index())
            out['size'] = frame(g.size().reset_index(name='size'))
            out['multi'] = frame(df.assign(bucket=df.id % 3).groupby(['names', 'bucket']).amount.sum().reset_index())
            """);

        var df = DataFrame.ReadParquet(parquet, options: new ParquetReadOptions { SplitRowGroups = splitRowGroups });
        var g = df.GroupBy("names");
        FrameAssert.Equal(expected.GetProperty("sum"), g["amount"].Sum().Compute());
        FrameAssert.Equal(expected.GetProperty("mean"), g["amount"].Mean().Compute());
        FrameAssert.Equal(expected.GetProperty("count"), g["amount"].Count().Compute());
        FrameAssert.Equal(expected.GetProperty("min"), g["amount"].Min().Compute());
        FrameAssert.Equal(expected.GetProperty("max"), g["amount"].Max().Compute());
        FrameAssert.Equal(expected.GetProperty("std"), g["amount"].Std().Compute());
        FrameAssert.Equal(expected.GetProperty("first"), g["amount"].First().Compute());
        FrameAssert.Equal(expected.GetProperty("last"), g["amount"].Last().Compute());
        FrameAssert.Equal(expected.GetProperty("nunique"), g["amount"].NUnique().Compute());
        FrameAssert.Equal(expected.GetProperty("size"), g.Size().Compute());
        FrameAssert.Equal(expected.GetProperty("multi"), df.Assign("bucket", df["id"] % 3).GroupBy("names", "bucket")["amount"].Sum().Compute());
    }

    [Fact]
    public void ReadParquet_LowCardinalityStrings_ComeAsCodes_AndGroupByNeverWritesTheStrings()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 1, 2000, nulls: true);
        var parquet = Path.Combine(folder.Path, "parquet");
        DataFrame.ReadCsv(glob).ToParquet(parquet, new ParquetWriteOptions { RowGroupSize = 600 });
        var file = ParquetFiles.Expand(parquet).Single();
        var info = ParquetFileInfo.Read(file);
        Assert.All(info.RowGroups, g => Assert.Equal(["names"], g.DictionaryColumns.ToArray()));

        var coded = new Frame(ParquetChunkReader.Read(file, [0, 1, 2, 3], null, dictionaryColumns: ["names"]));
        var plain = new Frame(ParquetChunkReader.Read(file, [0, 1, 2, 3], null));

        var names = Assert.IsType<DictionaryStringArray>(coded.Column(coded.IndexOf("names")));
        Assert.IsNotType<DictionaryStringArray>(plain.Column(plain.IndexOf("names")));
        Assert.Equal("utf8", coded.Schema.GetFieldByName("names").DataType.Name);
        Assert.True(names.Dictionary.Length <= 26, $"the four row groups' dictionaries merge to the distinct names; got {names.Dictionary.Length}");
        Assert.True(names.NullCount > 0, "the data has null names");

        var partial = GroupPartial.Chunk(coded, ["names"], [new AggSpec("amount", AggKind.Mean, "amount")]);
        Assert.False(names.IsWritten, "a group-by on one dictionary key must work on the codes, not write a string per row");
        Assert.Equal(plain["names"].Values.Length - plain["names"].Values.NullCount, names.Length - names.NullCount);
        Assert.Equal(Enumerable.Range(0, plain.RowCount).Select(r => plain.GetValue("names", r)).Where(v => v is not null).Distinct().Count(), partial.Keys.Count);

        Cells.Equal(plain, coded); // reading the strings writes them out, equal to Arrow C++'s
        Assert.True(names.IsWritten);
    }

    [Fact]
    public void DictionaryColumn_BehavesAsStrings_InEveryOperation()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 1, 1500, seed: 4, nulls: true, names: 9);
        var parquet = Path.Combine(folder.Path, "parquet");
        DataFrame.ReadCsv(glob).ToParquet(parquet);
        var file = ParquetFiles.Expand(parquet).Single();
        // Fresh arrays for every query, so no query finds the strings already written by another.
        DataFrame Coded() => DataFrame.FromArrow([ParquetChunkReader.Read(file, [0], null, dictionaryColumns: ["names"])]);
        DataFrame Plain() => DataFrame.FromArrow([ParquetChunkReader.Read(file, [0], null)]);
        Assert.IsType<DictionaryStringArray>(Coded().Compute().Column(1));

        void Same(Func<DataFrame, DataFrame> query) => Cells.Equal(query(Plain()).Compute(), query(Coded()).Compute());
        Same(d => d[d["names"] == "Dan"]);
        Same(d => d[d["names"].Str.StartsWith("E")]);
        Same(d => d.Assign("upper", d["names"].Str.Upper()));
        Same(d => d["names"].ValueCounts());
        Same(d => d.SortValues("amount", ascending: false));
        Same(d => d.Merge(DataFrame.FromFrame(Frame.FromColumns(
            ("names", new StringArray.Builder().AppendRange(["Alice", "Dan", "Edith"]).Build()),
            ("rank", new Int64Array.Builder().AppendRange([1L, 2L, 3L]).Build()))), "names"));
        Assert.Equal(Plain().Compute().ToString(), Coded().Compute().ToString());
        Assert.Equal(Plain().Head(40).ToString(), Coded().Head(40).ToString());

        // ToArrow hands the strings on; writing keeps them.
        var arrow = (StringArray)Coded().Compute().ToArrow().Column(1);
        var expected = (StringArray)Plain().Compute().ToArrow().Column(1);
        Assert.Equal(Enumerable.Range(0, expected.Length).Select(i => expected.GetString(i)), Enumerable.Range(0, arrow.Length).Select(i => arrow.GetString(i)));
        var again = Path.Combine(folder.Path, "again");
        Coded().ToParquet(again);
        Cells.Equal(Plain().Compute(), DataFrame.ReadParquet(again).Compute());
        var csv = Path.Combine(folder.Path, "csv");
        Coded().ToCsv(csv);
        Cells.Equal(DataFrame.ReadCsv(glob).Compute(), DataFrame.ReadCsv(Path.Combine(csv, "*.csv")).Compute());
    }

    [Fact]
    public void ReadParquet_HighCardinalityStrings_AreReadAsStrings()
    {
        using var folder = new TestData.Folder();
        const int rows = 200_000;
        var keys = new StringArray.Builder();
        var names = new StringArray.Builder();
        for (var r = 0; r < rows; r++)
        {
            keys.Append($"key-{r * 7919L:D12}");
            names.Append(TestData.Names[r % 5]);
        }
        var frame = Frame.FromColumns(("key", keys.Build()), ("names", names.Build()));
        var parquet = Path.Combine(folder.Path, "parquet");
        DataFrame.FromFrame(frame).ToParquet(parquet);
        var file = ParquetFiles.Expand(parquet).Single();

        // Past the dictionary page's limit the writer falls back to plain pages; those are read as strings.
        var info = ParquetFileInfo.Read(file);
        Assert.Equal(["names"], info.RowGroups[0].DictionaryColumns.ToArray());
        var read = DataFrame.ReadParquet(parquet).Compute();
        Cells.Equal(frame, read);
    }

    [Fact]
    public void ToParquet_HighCardinalityIntegers_DeltaEncoded_LowCardinalityKeepDictionary()
    {
        using var folder = new TestData.Folder();
        const int rows = 300_000;
        var random = new Random(7);
        var ids = new Int64Array.Builder();
        var amounts = new Int64Array.Builder();
        var counters = new Int32Array.Builder();
        var stamps = new TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, (string?)null));
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var r = 0; r < rows; r++)
        {
            stamps.Append(start.AddTicks(r * 170_000L));
            ids.Append(1_000_000_000L + (r * 3L));
            amounts.Append(random.Next(-500, 2000));
            if (r % 11 == 0)
            {
                counters.AppendNull();
            }
            else
            {
                counters.Append(random.Next());
            }
        }
        var frame = Frame.FromColumns(("id", ids.Build()), ("amount", amounts.Build()), ("counter", counters.Build()), ("stamp", stamps.Build()));
        var parquet = Path.Combine(folder.Path, "parquet");
        // One part: 300,000 rows overflow a 1 MiB dictionary page of int64 ids (131,072) and of
        // ~272,700 distinct random int32s (262,144); 2,500 amounts fit.
        DataFrame.FromFrame(frame, 1).ToParquet(parquet);

        var encodings = StorageData.DuckDb($"SELECT path_in_schema, string_agg(DISTINCT CAST(encodings AS VARCHAR), ',') FROM parquet_metadata('{parquet}/*.parquet') GROUP BY path_in_schema ORDER BY 1").Rows
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Contains("DELTA_BINARY_PACKED", encodings["id"]);
        Assert.DoesNotContain("DICTIONARY", encodings["id"]);
        Assert.Contains("DELTA_BINARY_PACKED", encodings["counter"]);
        Assert.Contains("DELTA_BINARY_PACKED", encodings["stamp"]);
        Assert.Contains("DICTIONARY", encodings["amount"]);
        Assert.DoesNotContain("DELTA", encodings["amount"]);

        // Every reader gets the exact values back.
        Cells.Equal(frame, DataFrame.ReadParquet(parquet).Compute());
        var (_, duck) = StorageData.DuckDb($"SELECT count(*)::BIGINT, sum(id)::BIGINT, sum(amount)::BIGINT, count(counter)::BIGINT, sum(counter)::BIGINT, sum(epoch_us(stamp) - epoch_us(TIMESTAMP '2024-01-01'))::BIGINT FROM read_parquet('{parquet}/*.parquet')");
        long Sum(string column) => Enumerable.Range(0, rows).Select(r => frame.GetValue(column, r)).Where(v => v is not null).Sum(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new object?[] { (long)rows, Sum("id"), Sum("amount"), (long)(rows - ((rows + 10) / 11)), Sum("counter"), Enumerable.Range(0, rows).Sum(r => (start.AddTicks(r * 170_000L) - start).Ticks / 10) },
            duck.Single().Select(v => (object?)Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    [Fact]
    public void DictionaryStringArray_CodeOutsideDictionary_SaysWhat()
    {
        var dictionary = new StringArray.Builder().AppendRange(["a", "b"]).Build();
        var error = Assert.Throws<ArgumentException>(() => DictionaryStringArray.Create([0, 1, 5], ArrowBuffer.Empty, 0, dictionary));
        Assert.Contains("Row 2 has dictionary code 5 but the dictionary has 2 values", error.Message);
    }
}
