using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Tessera.DataFrames.Tests;

public sealed class FrameTests
{
    [Fact]
    public void Printing_MatchesPandas()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("p.csv");
        File.WriteAllText(path, "id,names,amount,flag\n1,Alice,100.5,True\n22,Bob,,False\n333,,7.25,True\n");
        var frame = DataFrame.ReadCsv(path).Compute();
        var expected = Pandas.Run($$"""
            df = pd.read_csv({{Pandas.Quote(path)}})
            out['frame'] = str(df)
            out['series'] = str(df.amount)
            big = pd.DataFrame({'x': range(100), 'y': [i * 0.5 for i in range(100)]})
            out['big'] = str(big)
            """);
        // pandas prints a missing string as NaN; Arrow knows it is a null string and prints None.
        Assert.Equal(expected.GetProperty("frame").GetString()!.Replace("    NaN  False", "    NaN  False").Replace("  NaN    7.25", " None    7.25"),
            frame.ToString());
        Assert.Equal(expected.GetProperty("series").GetString(), frame["amount"].ToString());
        var big = DataFrame.FromRecords(Enumerable.Range(0, 100).Select(i => new XY(i, i * 0.5))).Compute();
        Assert.Equal(expected.GetProperty("big").GetString(), big.ToString());
    }

    [Fact]
    public void LazyRepr_ShowsColumnsDtypesAndPartitions()
    {
        using var folder = new TestData.Folder();
        var df = DataFrame.ReadCsv(TestData.Accounts(folder, 3, 10));
        var text = df.ToString();
        Assert.Contains("npartitions=3", text);
        Assert.Contains("  int64  object  float64", text);
        Assert.Contains("   id   names   amount", text);
    }

    [Fact]
    public void Concat_MapPartitions_Persist_HeadTail_RoundTrip()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new XY(i, i * 0.5)).ToArray();
        var a = DataFrame.FromRecords(rows[..20], partitions: 3);
        var b = DataFrame.FromRecords(rows[20..], partitions: 2)[["y", "x"]];
        var both = DataFrame.Concat(a, b);
        Assert.Equal(5, both.NPartitions);
        var doubled = both.MapPartitions(f => f.Assign("z", new DoubleArray.Builder().AppendRange(f["y"].ToDoubles().Select(v => v * 2)).Build()));
        var persisted = doubled.Persist();
        var all = persisted.Compute();
        Assert.Equal(["x", "y", "z"], all.Columns);
        Assert.Equal(rows.Select(r => (object?)(r.y * 2)), all["z"].ToList());
        Assert.Equal([0L, 1L, 2L], persisted.Head(3)["x"].ToList().Cast<long>());
        Assert.Equal([47L, 48L, 49L], persisted.Tail(3)["x"].ToList().Cast<long>());
        Assert.Equal(50, persisted.Len().Compute());
    }

    [Fact]
    public void ToArrow_FromArrowFile_AndDataAnalysis_KeepValues()
    {
        using var folder = new TestData.Folder();
        var frame = DataFrame.ReadCsv(TestData.Accounts(folder, 2, 40, nulls: true)).Compute();
        var batch = frame.ToArrow();
        Assert.Equal(80, batch.Length);
        var file = folder.File("f.arrow");
        using (var stream = File.Create(file))
        using (var writer = new ArrowFileWriter(stream, batch.Schema))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        var back = DataFrame.FromArrow(file).Compute();
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            Assert.Equal(frame[frame.Columns[c]].ToList(), back[frame.Columns[c]].ToList());
        }
        var mda = frame.ToDataAnalysis();
        Assert.Equal(80, mda.Rows.Count);
        for (var r = 0; r < 80; r++)
        {
            Assert.Equal(frame.GetValue("names", r), mda["names"][r]);
            Assert.Equal(frame.GetValue("amount", r), mda["amount"][r]);
        }
    }

    [Fact]
    public void MemoryLimit_SpillsPartitions_ResultsUnchanged()
    {
        using var folder = new TestData.Folder();
        var df = DataFrame.ReadCsv(TestData.Accounts(folder, 4, 300, nulls: true));
        var query = df.Assign("twice", df["amount"] * 2).Merge(df[["id", "names"]], "id");
        var plain = query.Compute();
        var spilled = query.Compute(new ComputeOptions { MemoryLimit = 1, SpillDirectory = folder.Path });
        Assert.Equal(plain.Columns, spilled.Columns);
        foreach (var column in plain.Columns)
        {
            Assert.Equal(plain[column].ToList(), spilled[column].ToList());
        }
    }

    [Fact]
    public void FromDelayed_PartitionsComeFromDelayedCalls()
    {
        var parts = Enumerable.Range(0, 3)
            .Select(p => Delayed.Call(MakePart, p))
            .ToArray();
        var df = DataFrame.FromDelayed(parts);
        Assert.Equal(3, df.NPartitions);
        Assert.Equal(Enumerable.Range(0, 30).Sum(i => i * 0.5), df["y"].Sum().Compute());
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (object?)(long)i), df.Compute()["x"].ToList());
    }

    private static Frame MakePart(int p) =>
        DataFrame.FromRecords(Enumerable.Range(p * 10, 10).Select(i => new XY(i, i * 0.5))).Compute();

    private sealed record XY(long x, double y);
}
