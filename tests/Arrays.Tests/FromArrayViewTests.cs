using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

/// <summary>
/// FromArray hands its blocks to tasks as views of the caller's array, so a reduction over it
/// allocates per block (graph, partials, outputs), never per element: the bytes allocated by a
/// synchronous compute are counted on the calling thread, which runs every task.
/// </summary>
[Collection(nameof(FromArrayViewTests))]
public class FromArrayViewTests
{
    private const int Rows = 2048, Cols = 1000; // 16 MB of float64

    // On the CPU explicitly: the suite also runs with TESSERA_DEVICE=ilgpu-cpu, where blocks are
    // uploaded to device buffers through host staging by design.
    private static readonly ComputeOptions Synchronous = new() { Scheduler = SchedulerKind.Synchronous, Device = Device.Cpu };

    private static readonly double[] Values = Make(Rows);

    private static readonly double[] Half = Make(Rows / 2);

    private static double[] Make(int rows)
    {
        var random = new Random(5);
        return [.. Enumerable.Range(0, rows * Cols).Select(_ => random.NextDouble() - 0.5)];
    }

    public static TheoryData<string, string> Reductions()
    {
        string[] names =
        [
            "sum", "prod", "min", "max", "mean", "var", "std", "argmin", "argmax", "nansum", "nanmean", "nanmax",
            "nanmin", "nanargmax", "any", "all", "sum0", "mean0", "std0", "max0", "sum1", "std1", "argmin1", "fused-sum", "fused-std0",
        ];
        var data = new TheoryData<string, string>();
        foreach (var chunks in new[] { "rows", "tiles" })
        {
            foreach (var name in names)
            {
                data.Add(name, chunks);
            }
        }
        return data;
    }

    /// <summary>The reduction's result, as something to compare, and how many values it has.</summary>
    private static (object Result, int Outputs) Run(string name, BlockedArray<double> x) => name switch
    {
        "sum" => (x.Sum().Compute(Synchronous), 1),
        "prod" => (x.Prod().Compute(Synchronous), 1),
        "min" => (x.Min().Compute(Synchronous), 1),
        "max" => (x.Max().Compute(Synchronous), 1),
        "mean" => (x.Mean().Compute(Synchronous), 1),
        "var" => (x.Var().Compute(Synchronous), 1),
        "std" => (x.Std().Compute(Synchronous), 1),
        "argmin" => (x.ArgMin().Compute(Synchronous), 1),
        "argmax" => (x.ArgMax().Compute(Synchronous), 1),
        "nansum" => (x.NanSum().Compute(Synchronous), 1),
        "nanmean" => (x.NanMean().Compute(Synchronous), 1),
        "nanmax" => (x.NanMax().Compute(Synchronous), 1),
        "nanmin" => (x.NanMin().Compute(Synchronous), 1),
        "nanargmax" => (x.NanArgMax().Compute(Synchronous), 1),
        "any" => ((x > 0.49).Any().Compute(Synchronous), 1),
        "all" => ((x > -0.6).All().Compute(Synchronous), 1),
        "sum0" => (x.Sum(0).Compute(Synchronous), (int)x.Shape[1]),
        "mean0" => (x.Mean(0).Compute(Synchronous), (int)x.Shape[1]),
        "std0" => (x.Std(0).Compute(Synchronous), (int)x.Shape[1]),
        "max0" => (x.Max(0).Compute(Synchronous), (int)x.Shape[1]),
        "sum1" => (x.Sum(1).Compute(Synchronous), (int)x.Shape[0]),
        "std1" => (x.Std(1).Compute(Synchronous), (int)x.Shape[0]),
        "argmin1" => (x.ArgMin(1).Compute(Synchronous), (int)x.Shape[0]),
        "fused-sum" => (((x * 2.0) + 1.0).Sum().Compute(Synchronous), 1),
        "fused-std0" => (((x * x) - x).Std(0).Compute(Synchronous), (int)x.Shape[1]),
        _ => throw new ArgumentException($"Unknown reduction {name}.", nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Reduction_OverFromArray_AllocatesPerBlockNotPerElement(string name, string chunks)
    {
        // The same reduction over 8 MB and 16 MB in the same number of blocks: per-block costs
        // (graph, compiled prologue, partials) are equal, so the difference is what grows with
        // the data. Row chunks are contiguous windows (views); tiles of half the rows by 500
        // columns are not, and are gathered into scratch reused from one task to the next.
        var blocks = chunks == "rows" ? 16 : 4;
        (long Bytes, int Outputs) Allocated(double[] values, int rows, bool warm)
        {
            var chunkShape = ChunkSpec.Create(chunks == "rows" ? [rows / 16, Cols] : [rows / 2, 500]);
            if (!warm)
            {
                Run(name, BlockedArray.FromArray(values, [rows, Cols], chunkShape)); // JIT, scratch pool
            }
            // The least of two runs: a full collection between them (other tests allocate too)
            // may empty the weakly held scratch pool, and the next run then refills it.
            var least = long.MaxValue;
            var outputs = 0;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                (_, outputs) = Run(name, BlockedArray.FromArray(values, [rows, Cols], chunkShape));
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return (least, outputs);
        }
        Allocated(Half, Rows / 2, warm: false);
        Allocated(Values, Rows, warm: false);
        var small = Allocated(Half, Rows / 2, warm: true);
        var large = Allocated(Values, Rows, warm: true);
        // Outputs (sum(axis=1) has one per row) cost a few words each in every block's partial.
        const int BytesPerOutput = 256;
        var addedBytes = (Values.Length - Half.Length) * sizeof(double);
        var allowed = (addedBytes / 100) + (BytesPerOutput * (large.Outputs - small.Outputs) * blocks);
        Assert.True(large.Bytes - small.Bytes < allowed,
            $"{name} over {chunks}: {small.Bytes:N0} bytes allocated for 8 MB of input, {large.Bytes:N0} for 16 MB; " +
            $"the difference should be under {allowed:N0} (1% of the {addedBytes:N0} bytes added, and the added outputs).");
        // And in all, well under the data: per block, a compiled prologue's tiles and the partials.
        var total = (Values.Length * sizeof(double) / 10) + (BytesPerOutput * large.Outputs * blocks);
        Assert.True(large.Bytes < total, $"{name} over {chunks} allocated {large.Bytes:N0} bytes for 16 MB of input; at most {total:N0} expected.");
    }

    [Fact]
    public void FromArray_ReadsTheCallersArrayInPlace_AndNeverWritesIt()
    {
        var values = new double[] { 1, 2, 3, 4, 5, 6 };
        var x = BlockedArray.FromArray(values, [3, 2], [1, 2]);
        Assert.Equal(21, x.Sum().Compute(Synchronous));
        var doubled = (x * 2.0).Compute(Synchronous);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], values); // elementwise results go to new memory
        Assert.Equal(12.0, doubled[2, 1]);
        values[0] = 100; // a change before the next compute is seen by it (the lifetime rule: not during one)
        Assert.Equal(120, x.Sum().Compute(Synchronous));
    }

    [Fact]
    public void FromArray_TilesAlongInnerAxes_MatchTheValues()
    {
        var x = BlockedArray.FromArray(Values, [Rows, Cols], [300, 70]);
        var rowSums = x.Sum(1).Compute(Synchronous);
        for (var r = 0; r < Rows; r += 199)
        {
            Assert.Equal(Values.AsSpan(r * Cols, Cols).ToArray().Sum(), rowSums[r], 1e-10);
        }
        var all = x.Compute(Synchronous);
        Assert.Equal(Values[(1234 * Cols) + 567], all[1234, 567]);
    }
}

/// <summary>Allocation counts run alone: parallel tests' large arrays would trigger collections that empty the scratch pool.</summary>
[CollectionDefinition(nameof(FromArrayViewTests), DisableParallelization = true)]
public sealed class FromArrayViewCollection
{
}
