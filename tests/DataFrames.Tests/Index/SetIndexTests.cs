using System.Text.Json;
using Tessera.DataFrames.Tests.TimeSeries;

namespace Tessera.DataFrames.Tests.Index;

/// <summary>SetIndex, SortValues, Loc, Repartition and MergeOnIndex against pandas; one pandas run for the class.</summary>
public sealed class SetIndexTests : IClassFixture<SetIndexTests.Oracle>
{
    private readonly Oracle _oracle;

    public SetIndexTests(Oracle oracle) => _oracle = oracle;

    private DataFrame Df => _oracle.Data.Frame();

    private JsonElement Expected(string name) => _oracle.Expected.GetProperty(name);

    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void SetIndex_Unsorted_SortsAlongPartitionsWithKnownDivisions(SchedulerKind scheduler)
    {
        var options = new ComputeOptions { Scheduler = scheduler };
        var indexed = Df.SetIndex("k", options: options);
        Assert.Equal("k", indexed.IndexName);
        Assert.True(indexed.KnownDivisions);
        Assert.Equal(-200L, indexed.Divisions[0]);
        Assert.Equal((long)(IndexData.Sizes.Sum() - 1) * 3 - 200, indexed.Divisions[^1]);
        FrameAssert.Equal(Expected("set_index_k"), indexed.Compute(options), checkDtypes: false);
        SeriesData.WithinDivisions(indexed, options);
    }

    [Fact]
    public void SetIndex_UnderAMemoryLimit_SpillsAndGivesTheSameRows()
    {
        var options = new ComputeOptions { MemoryLimit = 4096 };
        FrameAssert.Equal(Expected("set_index_k"), Df.SetIndex("k", partitions: 3, options: options).Compute(options), checkDtypes: false);
    }

    [Fact]
    public void SetIndex_DoubleKeyWithRepeats_KeepsEveryRowInIndexOrder()
    {
        var indexed = Df.SetIndex("d", partitions: 4);
        SeriesData.WithinDivisions(indexed);
        // Ties keep row order (a stable sort); pandas' mergesort does the same.
        FrameAssert.Equal(Expected("set_index_d"), indexed.Compute(), checkDtypes: false);
    }

    [Fact]
    public void SetIndex_Sorted_ReadsPartitionBoundsAsDivisions()
    {
        var sorted = DataFrame.FromArrow(SortedBatches()).SetIndex("k", sorted: true);
        Assert.Equal(new object?[] { 1L, 10L, 10L, 20L, 25L }, sorted.Divisions.ToArray());
        SeriesData.WithinDivisions(sorted);
        Assert.Equal(7, sorted.Compute().RowCount);
    }

    [Fact]
    public void SetIndex_SortedButPartitionsOverlap_SaysToShuffle()
    {
        var batches = SortedBatches();
        batches.Reverse();
        var error = Assert.Throws<ArgumentException>(() => DataFrame.FromArrow(batches).SetIndex("k", sorted: true));
        Assert.Contains("without sorted", error.Message);
    }

    [Fact]
    public void SetIndex_NullKeys_SaysToDropThem()
    {
        var error = Assert.Throws<ArgumentException>(() => Df.SetIndex("v"));
        Assert.Contains("DropNull(\"v\")", error.Message);
    }

    [Fact]
    public void SortValues_TwoColumnsMixedDirections_MatchesPandas()
    {
        var sorted = Df.SortValues(["d", "k"], [false, true], partitions: 3);
        Assert.Equal(3, sorted.NPartitions);
        FrameAssert.Equal(Expected("sort_d_desc_k"), sorted.Compute(), checkDtypes: false);
    }

    [Fact]
    public void SortValues_NullsComeLast_MatchesPandas()
    {
        FrameAssert.Equal(Expected("sort_v"), Df.SortValues("v").Compute(), checkDtypes: false);
        FrameAssert.Equal(Expected("sort_v_desc"), Df.SortValues("v", ascending: false).Compute(), checkDtypes: false);
    }

    [Fact]
    public void Loc_KeyAndRange_MatchPandasAndReadOnlyOverlappingPartitions()
    {
        var reads = 0;
        var counted = Df.MapPartitions(f =>
        {
            if (f.RowCount > 0)
            {
                Interlocked.Increment(ref reads);
            }
            return f;
        });
        var indexed = counted.SetIndex("k", partitions: 5).Persist();
        Assert.Equal(5, indexed.NPartitions);
        reads = 0;
        var d = indexed.Divisions;
        var inside = (long)d[2]! + 3;
        var counter = 0;
        var watched = indexed.MapPartitions(f =>
        {
            if (f.RowCount > 0)
            {
                Interlocked.Increment(ref counter);
            }
            return f;
        });
        FrameAssert.Equal(Expected("loc_key"), watched.Loc[(long)-50].Compute(), checkDtypes: false);
        Assert.Equal(1, counter);
        counter = 0;
        FrameAssert.Equal(Expected("loc_range"), watched.Loc[(long)-10, (long)400].Compute(), checkDtypes: false);
        var expectedParts = Enumerable.Range(0, 5).Count(p => (long)d[p]! <= 400 && (long)d[p + 1]! > -10);
        Assert.Equal(expectedParts, counter);
        Assert.True(expectedParts < 5);
        var open = watched.Loc[inside, null];
        Assert.Equal(3, open.NPartitions);
        Assert.Equal(inside, open.Divisions[0]);
        SeriesData.WithinDivisions(open);
        Assert.Equal(0, watched.Loc[(long)2].Compute().RowCount);
    }

    [Fact]
    public void Loc_TimestampIndexWithStrings_SelectsTheRange()
    {
        var df = DataFrame.Timeseries(new DateTime(2000, 1, 1), new DateTime(2000, 1, 4), "1h", "1D", seed: 3);
        var range = df.Loc["2000-01-01 22:00", "2000-01-02 02:00"];
        Assert.Equal(2, range.NPartitions);
        var rows = range.Compute();
        Assert.Equal(5, rows.RowCount);
        Assert.Equal(new DateTime(2000, 1, 1, 22, 0, 0), rows.GetValue("timestamp", 0));
    }

    [Fact]
    public void Loc_WithoutIndex_SaysToSetOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Df.Loc[(long)1]);
        Assert.Contains("SetIndex", error.Message);
    }

    [Fact]
    public void Repartition_AtDivisions_KeepsRowsAndCutsWhereAsked()
    {
        var indexed = Df.SetIndex("k");
        var cut = indexed.Repartition([(long)-200, (long)0, (long)1, (long)900, (long)2000]);
        Assert.Equal(4, cut.NPartitions);
        SeriesData.WithinDivisions(cut);
        FrameAssert.Equal(Expected("set_index_k"), cut.Compute(), checkDtypes: false);
        var error = Assert.Throws<ArgumentException>(() => indexed.Repartition([(long)0, (long)2000]));
        Assert.Contains("widen", error.Message);
        Assert.Throws<ArgumentException>(() => indexed.Repartition([(long)-200, (long)5, (long)5, (long)2000]));
    }

    [Fact]
    public void Repartition_BySize_SplitsLargeAndJoinsSmallPartitions()
    {
        var indexed = Df.SetIndex("k", partitions: 2);
        var whole = indexed.Compute();
        var small = indexed.Repartition(partitionSize: whole.ByteSize / 6);
        Assert.True(small.NPartitions >= 5, $"{small.NPartitions} partitions");
        SeriesData.WithinDivisions(small);
        var large = small.Repartition(partitionSize: whole.ByteSize * 2);
        Assert.Equal(1, large.NPartitions);
        FrameAssert.Equal(Expected("set_index_k"), large.Compute(), checkDtypes: false);
    }

    [Theory]
    [InlineData(JoinType.Inner)]
    [InlineData(JoinType.Left)]
    [InlineData(JoinType.Right)]
    [InlineData(JoinType.Outer)]
    public void MergeOnIndex_UnequalDivisions_MatchesPandas(JoinType how)
    {
        var df = Df;
        var left = df.SetIndex("k", partitions: 4);
        var right = df[["k", "v"]].Assign("w", df["d"] * 2).DropNull("v");
        var rightIndexed = right[right["k"] > 100].SetIndex("k", partitions: 3)[["w"]];
        var merged = left.MergeOnIndex(rightIndexed, how);
        SeriesData.WithinDivisions(merged);
        FrameAssert.Equal(Expected("merge_" + how.ToString().ToLowerInvariant()), merged.Compute(), sortRows: true, checkDtypes: false);
    }

    [Fact]
    public void Merge_OnTheIndexWithEqualDivisions_JoinsPartitionByPartition()
    {
        var df = Df;
        var left = df.SetIndex("k", partitions: 3);
        var right = left[["d"]].Assign("w", left["d"] * 2)[["w"]];
        Assert.Equal(left.Divisions, right.Divisions);
        var merged = left.Merge(right, "k");
        Assert.Equal(3, merged.NPartitions);
        Assert.True(merged.KnownDivisions);
        Assert.Equal(IndexData.Sizes.Sum(), merged.Compute().RowCount);
    }

    private static List<Apache.Arrow.RecordBatch> SortedBatches() =>
    [
        Frame.FromColumns(("k", Ints(1, 5))).ToArrow(),
        Frame.FromColumns(("k", Ints())).ToArrow(),
        Frame.FromColumns(("k", Ints(10, 11, 12))).ToArrow(),
        Frame.FromColumns(("k", Ints(20, 25))).ToArrow(),
    ];

    private static Apache.Arrow.IArrowArray Ints(params long[] values) => new Apache.Arrow.Int64Array.Builder().AppendRange(values).Build();

    public sealed class Oracle : IDisposable
    {
        private readonly TestData.Folder _folder = new();

        public Oracle()
        {
            Data = new IndexData(_folder);
            var merges = string.Join("\n", new[] { "inner", "left", "right", "outer" }.Select(how =>
                $"out['merge_{how}'] = frame(ix.merge(rx, left_index=True, right_index=True, how='{how}').reset_index())"));
            Expected = Pandas.Run(Data.Pandas + $$"""
                ix = df.set_index('k').sort_index()
                out['set_index_k'] = frame(ix.reset_index())
                out['set_index_d'] = frame(df.set_index('d').sort_index(kind='mergesort').reset_index())
                out['sort_d_desc_k'] = frame(df.sort_values(['d', 'k'], ascending=[False, True]))
                out['sort_v'] = frame(df.sort_values('v', kind='mergesort'))
                out['sort_v_desc'] = frame(df.sort_values('v', ascending=False, kind='mergesort'))
                out['loc_key'] = frame(ix.loc[[-50]].reset_index())
                out['loc_range'] = frame(ix.loc[-10:400].reset_index())
                r = df[['k', 'v']].assign(w=df.d * 2).dropna(subset=['v'])
                rx = r[r.k > 100].set_index('k')[['w']]
                {{merges}}
                """);
        }

        internal IndexData Data { get; }

        internal JsonElement Expected { get; }

        public void Dispose() => _folder.Dispose();
    }
}
