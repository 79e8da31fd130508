using System.Globalization;
using Apache.Arrow;
using Tessera.IO.Parquet;

namespace Tessera.DataFrames.Tests;

/// <summary>A group-by straight over a file reads only its keys and aggregated columns (dask's column projection).</summary>
public sealed class GroupByProjectionTests
{
    [Fact]
    public void GroupByOverParquet_ReadsOnlyItsColumns_AndEqualsTheInMemoryGroupBy()
    {
        using var folder = new TestData.Folder();
        var frame = Accounts(12_000);
        DataFrame.FromFrame(frame, 3).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = 2_000 });
        var counters = new ParquetReadCounters();
        var df = DataFrame.ReadParquet(folder.Path, options: new ParquetReadOptions { Counters = counters });

        var means = df.GroupBy("name")["amount"].Mean().Compute();

        var groups = counters.RowGroupsRead;
        Assert.Equal(6, groups);
        Assert.Equal(groups * 2, counters.ColumnChunksRead); // name and amount, not id or note
        Cells.Equal(DataFrame.FromFrame(frame, 3).GroupBy("name")["amount"].Mean().Compute(), means);
    }

    [Fact]
    public void GroupByOverCsv_ParsesOnlyItsColumns_AndEqualsTheInMemoryGroupBy()
    {
        using var folder = new TestData.Folder();
        var frame = Accounts(5_000);
        DataFrame.FromFrame(frame, 2).ToCsv(folder.File("accounts.*.csv"));
        var df = DataFrame.ReadCsv(folder.File("accounts.*.csv"));
        var grouped = df.GroupBy("name").Agg(("amount", "sum"), ("id", "max"));

        var reads = grouped.Graph().Graph.Tasks.Where(t => t.Kind == "read-csv").ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, t => Assert.StartsWith("project-", t.Key, StringComparison.Ordinal));
        Cells.Equal(DataFrame.FromFrame(df.Compute(), 2).GroupBy("name").Agg(("amount", "sum"), ("id", "max")).Compute(), grouped.Compute());
    }

    /// <summary>id, a name out of 7, an amount and a text column the group-bys never read.</summary>
    private static Frame Accounts(int rows)
    {
        var id = new Int64Array.Builder();
        var name = new StringArray.Builder();
        var amount = new DoubleArray.Builder();
        var note = new StringArray.Builder();
        for (var r = 0; r < rows; r++)
        {
            id.Append(r);
            name.Append(string.Create(CultureInfo.InvariantCulture, $"n{r * 5 % 7}"));
            amount.Append((r % 101) * 0.5);
            note.Append(string.Create(CultureInfo.InvariantCulture, $"note {r * 7919 % 100003}"));
        }
        return Frame.FromColumns(("id", id.Build()), ("name", name.Build()), ("amount", amount.Build()), ("note", note.Build()));
    }
}
