using System.Globalization;
using Apache.Arrow;
using Tessera.IO.Parquet;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// Issue #18: "Count the pages and row groups read in tests." The counters prove that projection
/// and predicate pushdown skip data on disk rather than drop it after reading.
/// </summary>
public sealed class ParquetPageCountTests
{
    private const int Rows = 20_000, GroupRows = 2_500;

    [Fact]
    public void Projection_DecodesOnlyTheRequestedColumnsPages()
    {
        using var folder = new TestData.Folder();
        // Plain pages of about 4 KiB: each 2,500-row chunk of doubles (20 kB) spans several pages,
        // so pages are counted, not chunks.
        DataFrame.FromFrame(Accounts(Rows), 2).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = GroupRows, DataPageSize = 4096, Dictionary = false });
        var groups = ParquetFiles.Expand(folder.Path).Sum(f => ParquetFileInfo.Read(f).RowGroups.Count);

        var all = new ParquetReadCounters();
        DataFrame.ReadParquet(folder.Path, options: new ParquetReadOptions { Counters = all }).Compute();
        var some = new ParquetReadCounters();
        var projected = DataFrame.ReadParquet(folder.Path, ["amount"], options: new ParquetReadOptions { Counters = some }).Compute();

        Assert.Equal(Rows / GroupRows, groups);
        Assert.Equal(["amount"], some.PagesReadByColumn.Keys);
        Assert.Equal(["amount", "id", "names"], all.PagesReadByColumn.Keys.Order());
        Assert.Equal(all.PagesReadByColumn["amount"], some.PagesRead);
        Assert.Equal(all.PagesReadByColumn.Values.Sum(), all.PagesRead);
        // Arrow C++ closes a page at the first batch of 1,024 values past the size: 3 pages a chunk.
        Assert.True(some.PagesRead >= 2L * groups, $"amount's {groups} chunks of {GroupRows * 8} bytes in 4 KiB pages gave only {some.PagesRead} pages");
        // Every value of the column was in exactly one page read, and nothing else was.
        Assert.Equal((long)Rows, some.PageValuesRead);
        Assert.Equal(3L * Rows, all.PageValuesRead);
        Assert.Equal(0, some.DictionaryPagesRead);
        Assert.Equal(Rows, projected.RowCount);
        Assert.Equal(Amounts(Rows), Enumerable.Range(0, Rows).Select(r => (double)Cells.Of(projected.Column(0), r)!));
    }

    [Fact]
    public void DictionaryColumn_DecodesOneDictionaryPagePerChunk()
    {
        using var folder = new TestData.Folder();
        DataFrame.FromFrame(Accounts(Rows), 2).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = GroupRows });
        var counters = new ParquetReadCounters();

        var names = DataFrame.ReadParquet(folder.Path, ["names"], options: new ParquetReadOptions { Counters = counters }).Compute();

        Assert.Equal(Rows / GroupRows, counters.DictionaryPagesRead);
        Assert.Equal((long)Rows, counters.PageValuesRead);
        Assert.Equal(["names"], counters.PagesReadByColumn.Keys);
        // DuckDB reads the same parts in file and row order: the codes decoded to the same names.
        var duck = StorageData.DuckDb($"SELECT names FROM read_parquet('{folder.Path}/*.parquet', filename = true, file_row_number = true) ORDER BY filename, file_row_number").Rows;
        Assert.Equal(duck.Select(r => (string)r[0]!), Enumerable.Range(0, Rows).Select(r => (string)Cells.Of(names.Column(0), r)!));
    }

    [Theory]
    [InlineData(7_000.0)]
    [InlineData(2_600.0)]
    [InlineData(100_000.0)]
    public void Filter_SkipsRowGroupsByMinMax_AndMatchesDuckDb(double threshold)
    {
        using var folder = new TestData.Folder();
        var frame = Accounts(Rows);
        DataFrame.FromFrame(frame, 2).ToParquet(folder.Path, new ParquetWriteOptions { RowGroupSize = GroupRows });
        // The row groups whose largest amount passes the filter: the only ones statistics cannot rule out.
        var amounts = Amounts(Rows);
        var kept = Enumerable.Range(0, Rows / GroupRows).Count(g => amounts.Skip(g * GroupRows).Take(GroupRows).Max() > threshold);
        var counters = new ParquetReadCounters();

        var result = DataFrame.ReadParquet(folder.Path, ["id", "amount", "names"], filters: d => d["amount"] > threshold, options: new ParquetReadOptions { Counters = counters }).Compute();

        Assert.True(kept < Rows / GroupRows, "the data must leave some row groups to skip");
        Assert.Equal(kept, counters.RowGroupsRead);
        Assert.Equal(Rows / GroupRows - kept, Rows / GroupRows - counters.RowGroupsRead);
        // Only the kept groups' pages were decoded: each of their rows once in each of the 3 columns.
        Assert.Equal(3L * kept * GroupRows, counters.PageValuesRead);
        var (_, expected) = StorageData.DuckDb(FormattableString.Invariant(
            $"SELECT id, amount, names FROM read_parquet('{folder.Path}/*.parquet') WHERE amount > {threshold} ORDER BY id"));
        Assert.Equal(expected.Count, result.RowCount);
        for (var r = 0; r < expected.Count; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.True(Equals(expected[r][c], Cells.Of(result.Column(c), r)), $"row {r}, column {c}: DuckDB {expected[r][c]}, Tessera {Cells.Of(result.Column(c), r)}");
            }
        }
    }

    // Amounts rise with the row (so row groups have narrow min/max ranges) with some jitter.
    private static double[] Amounts(int rows) => [.. Enumerable.Range(0, rows).Select(r => (r * 0.5) + (r * 7919 % 13))];

    private static Frame Accounts(int rows)
    {
        var id = new Int64Array.Builder();
        var amount = new DoubleArray.Builder();
        var names = new StringArray.Builder();
        var amounts = Amounts(rows);
        for (var r = 0; r < rows; r++)
        {
            id.Append(r);
            amount.Append(amounts[r]);
            names.Append(string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + (r * 31 % 26))}lice"));
        }
        return Frame.FromColumns(("id", id.Build()), ("amount", amount.Build()), ("names", names.Build()));
    }
}
