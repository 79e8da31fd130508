using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.IO.Hdf5;

namespace Tessera.DataFrames.Tests;

public sealed class HdfTests
{
    [Fact]
    public void ToHdf_ReadByPandasAndDask_SameValuesDtypesAndOrder()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("out.h5");
        var frame = Mixed(1_733);
        var written = DataFrame.FromFrame(frame, 3).ToHdf(path, "accounts", compressionLevel: 4);

        var result = Pandas.Run($"""
            import dask.dataframe as dd
            df = pd.read_hdf({Pandas.Quote(path)}, "accounts")
            out['df'] = frame(df)
            out['ns'] = [int(v) for v in df['at'].astype('int64')[:50]]
            out['dask'] = frame(dd.read_hdf({Pandas.Quote(path)}, "accounts").compute())
            """);

        Assert.Equal(1_733, written.Rows);
        FrameAssert.Equal(result.GetProperty("df"), frame);
        FrameAssert.Equal(result.GetProperty("dask"), frame);
        var at = (TimestampArray)frame.Column(frame.IndexOf("at"));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => at.IsNull(i) ? long.MinValue : at.Values[i]), result.GetProperty("ns").EnumerateArray().Select(e => e.GetInt64()));
        // An integer column with nulls is float64 in pandas, NaN where Tessera had null.
        var dtypes = result.GetProperty("df").GetProperty("dtypes").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["int64", "int32", "float64", "float64", "bool", "object", "datetime64[ns]"], dtypes);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("fixed")]
    public void ReadHdf_WrittenByPandas_SameValuesDtypesAndOrder(string format)
    {
        using var folder = new TestData.Folder();
        var path = folder.File("pandas.h5");
        var strings = format == "table" ? "df['name'] = np.where(rng.random(n) < 0.1, None, rng.choice(['Alice', 'Bob', 'Zoë', 'x' * 30], n))" : "";
        var result = Pandas.Run($"""
            rng = np.random.default_rng(11)
            n = 2_345
            df = pd.DataFrame(dict(
                amount=rng.normal(size=n) * 1e3,
                count=rng.integers(-10**12, 10**12, n),
                small=rng.integers(-100, 100, n).astype('int32'),
                ok=rng.random(n) < 0.5,
                when=pd.Timestamp('2019-03-01') + pd.to_timedelta(rng.integers(0, 10**9, n), unit='s'),
            ))
            df.loc[rng.random(n) < 0.05, 'amount'] = np.nan
            {strings}
            df.to_hdf({Pandas.Quote(path)}, 'frame', format='{format}', complevel=3)
            out['df'] = frame(pd.read_hdf({Pandas.Quote(path)}, 'frame'))
            """);

        var df = DataFrame.ReadHdf(path, "frame", chunkSize: 1_000);
        var read = df.Compute();

        Assert.Equal(format == "table" ? 3 : 1, df.NPartitions);
        FrameAssert.Equal(result.GetProperty("df"), read);
    }

    [Fact]
    public void ReadHdf_FixedFormatStrings_NamesColumnAndSaysUseTable()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("fixed.h5");
        Pandas.Run($"pd.DataFrame({{'a': [1, 2], 'label': ['x', 'y']}}).to_hdf({Pandas.Quote(path)}, 'df', format='fixed')");

        var error = Assert.Throws<PandasHdfException>(() => DataFrame.ReadHdf(path, "df"));

        Assert.Contains("'label'", error.Message, StringComparison.Ordinal);
        Assert.Contains("format='table'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHdf_WrongKeyOrLayout_ThrowsNamingFileAndStructure()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("plain.h5");
        Pandas.Run($"""
            import h5py
            with h5py.File({Pandas.Quote(path)}, 'w') as f:
                f['x'] = np.arange(10)
                g = f.create_group('notpandas')
                g['table'] = np.arange(3)
                g.attrs['pandas_type'] = 'frame_table'
            """);

        var missing = Assert.Throws<PandasHdfException>(() => DataFrame.ReadHdf(path, "df"));
        var layout = Assert.Throws<PandasHdfException>(() => DataFrame.ReadHdf(path, "notpandas"));

        Assert.Contains("notpandas", missing.Message, StringComparison.Ordinal);
        Assert.Equal(path, missing.Path);
        Assert.Equal("dataset 'table'", layout.Structure);
        Assert.Contains("compound", layout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHdf_Truncated_ThrowsFormatError()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("cut.h5");
        DataFrame.FromFrame(Mixed(5_000), 1).ToHdf(path, "df");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var error = Assert.ThrowsAny<Exception>(() => DataFrame.ReadHdf(path, "df").Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous }));

        var inner = error is TaskFailedException t ? t.InnerException! : error;
        Assert.True(inner is Hdf5FormatException or PandasHdfException, $"expected a format error, got {inner}");
    }

    [Fact]
    public void ToHdf_ThenReadHdf_RoundTrips()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("round.h5");
        var frame = Mixed(999);
        DataFrame.FromFrame(frame, 2).ToHdf(path, "df");

        var back = DataFrame.ReadHdf(path, "df", chunkSize: 400).Compute();

        Assert.Equal(frame.Columns, back.Columns);
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            for (var r = 0; r < frame.RowCount; r++)
            {
                FrameAssert.Same(FrameAssert.Value(frame.Column(c), r), FrameAssert.Value(back.Column(c), r), $"row {r}, column '{frame.Columns[c]}'");
            }
        }
    }

    /// <summary>int64, int32, float64 with NaN, int64 with nulls, bool, strings with nulls and non-ASCII, whole-second timestamps with nulls.</summary>
    private static Frame Mixed(int rows)
    {
        var random = new Random(4);
        var id = new Int64Array.Builder();
        var small = new Int32Array.Builder();
        var amount = new DoubleArray.Builder();
        var maybe = new Int64Array.Builder();
        var flag = new BooleanArray.Builder();
        var name = new StringArray.Builder();
        var at = new TimestampArray.Builder(new TimestampType(TimeUnit.Nanosecond, (string?)null));
        for (var r = 0; r < rows; r++)
        {
            id.Append(r * 3L - 1000);
            small.Append(random.Next(-500, 500));
            amount.Append(random.Next(20) == 0 ? double.NaN : random.NextDouble() * 1e4);
            if (random.Next(9) == 0) { maybe.AppendNull(); } else { maybe.Append(random.Next(1_000_000)); }
            flag.Append(random.Next(3) == 0);
            if (random.Next(11) == 0) { name.AppendNull(); } else { name.Append(TestData.Names[random.Next(26)] + (r % 7 == 0 ? "ø" : "")); }
            if (random.Next(13) == 0) { at.AppendNull(); } else { at.Append(new DateTimeOffset(new DateTime(2015, 5, 1).AddSeconds(random.Next(100_000_000)), TimeSpan.Zero)); }
        }
        return Frame.FromColumns(("id", id.Build()), ("small", small.Build()), ("amount", amount.Build()), ("maybe", maybe.Build()),
            ("flag", flag.Build()), ("name", name.Build()), ("at", at.Build()));
    }
}

public sealed class HdfLargeTableTests
{
    [Theory]
    [InlineData(400_000)]
    [InlineData(150_000)]
    public void ReadHdf_TableLargerThanReadBand_RoundTrips(long chunkSize)
    {
        using var folder = new TestData.Folder();
        var path = folder.File("big.h5");
        var rows = 400_000;
        var id = new Int64Array.Builder();
        var name = new StringArray.Builder();
        for (var r = 0; r < rows; r++)
        {
            id.Append(r);
            name.Append(TestData.Names[r % 26]);
        }
        var frame = Frame.FromColumns(("id", id.Build()), ("names", name.Build()));
        DataFrame.FromFrame(frame, 1).ToHdf(path, "df");

        var back = DataFrame.ReadHdf(path, "df", chunkSize).Compute();

        Cells.Equal(frame, back);
    }
}
