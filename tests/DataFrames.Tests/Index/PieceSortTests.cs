using Tessera.DataFrames.Indexing;

namespace Tessera.DataFrames.Tests.Index;

/// <summary>
/// The shuffle's gather that sorts straight from its pieces against concatenating them and sorting
/// (the path it replaces for one sort column): every cell equal, for every column type it writes,
/// with nulls in the key and in the other columns, empty pieces, and sliced pieces.
/// </summary>
public class PieceSortTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sort_EqualsConcatenatingThenSorting(bool ascending)
    {
        var random = new Random(ascending ? 3 : 4);
        var rows = Enumerable.Range(0, 9_000).Select(i => new Row(
            key: i % 97 == 0 ? null : random.Next(-500, 500) * 0.5, // many ties, and nulls, which sort last
            id: random.NextInt64(-1_000_000, 1_000_000),
            name: i % 13 == 0 ? null : TestData.Names[random.Next(TestData.Names.Length)] + (i % 7 == 0 ? "é" : ""),
            count: i % 17 == 0 ? null : random.Next(),
            ratio: (float)random.NextDouble(),
            flag: i % 19 == 0 ? null : random.Next(2) == 1,
            when: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(1_000_000)))).ToArray();
        var whole = DataFrame.RecordFrame(rows);
        // Every type the scatter writes is here (any other would send the gather down the concatenating path).
        Assert.Equal(
            [Apache.Arrow.Types.ArrowTypeId.Double, Apache.Arrow.Types.ArrowTypeId.Int64, Apache.Arrow.Types.ArrowTypeId.String, Apache.Arrow.Types.ArrowTypeId.Int32,
                Apache.Arrow.Types.ArrowTypeId.Float, Apache.Arrow.Types.ArrowTypeId.Boolean, Apache.Arrow.Types.ArrowTypeId.Timestamp],
            whole.Schema.FieldsList.Select(f => f.DataType.TypeId));
        // Uneven pieces, one empty, all slices of one frame (offsets other than zero).
        int[] cuts = [0, 2_500, 2_500, 2_501, 6_000, 9_000];
        var pieces = Enumerable.Range(0, cuts.Length - 1).Select(p => whole.Slice(cuts[p], cuts[p + 1] - cuts[p])).ToList();

        var expected = RowSort.Sort(Frame.Concat(pieces), ["key"], [ascending]);
        var actual = PieceSort.Sort(pieces, "key", ascending);

        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            Assert.Equal(expected.Column(c).NullCount, actual.Column(c).NullCount);
            for (var r = 0; r < expected.RowCount; r++)
            {
                Assert.Equal(Cells.Of(expected.Column(c), r), Cells.Of(actual.Column(c), r));
            }
        }
    }

    [Fact]
    public void SmallGathers_TakeTheConcatenatingPath_WithTheSameResult()
    {
        var whole = DataFrame.RecordFrame(Enumerable.Range(0, 50).Select(i => new Row((i * 7) % 11, i, $"n{i}", i, i, i % 2 == 0, DateTime.UnixEpoch)));
        var pieces = new List<Frame> { whole.Slice(0, 20), whole.Slice(20, 30) };
        var sorted = PieceSort.Sort(pieces, "key", ascending: true);
        var keys = Enumerable.Range(0, sorted.RowCount).Select(r => (double)Cells.Of(sorted.Column(0), r)!).ToArray();
        Assert.Equal(keys.Order(), keys);
    }

    private sealed record Row(double? key, long id, string? name, int? count, float ratio, bool? flag, DateTime when);
}
