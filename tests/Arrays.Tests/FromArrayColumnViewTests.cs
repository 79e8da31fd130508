using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

/// <summary>
/// Blocks of FromArray chunked along an inner axis (column blocks of a row-major matrix) are not
/// one window of the array: a reduction reads them as strided views, in place run by run, or a
/// tile at a time, so it allocates per block, never a block-sized copy (not even into scratch
/// reused between tasks: the pool is emptied before each measured run).
/// </summary>
[Collection(nameof(FromArrayViewTests))]
public class FromArrayColumnViewTests
{
    private const int Rows = 2048, Cols = 2000; // 32 MB of float64

    private static readonly ComputeOptions Synchronous = new() { Scheduler = SchedulerKind.Synchronous, Device = Device.Cpu };

    private static readonly double[] Values = Make(Rows * Cols, 11);

    private static double[] Make(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5)];
    }

    public static TheoryData<string, int> Cases()
    {
        string[] names = ["sum", "mean", "std", "min", "argmax", "sum0", "mean0", "std0", "argmin1", "fused-sum0", "fused-sum"];
        var data = new TheoryData<string, int>();
        // 500 columns: runs long enough to be read in place; 250: short runs, gathered a tile at a time.
        foreach (var chunkCols in new[] { 500, 250 })
        {
            foreach (var name in names)
            {
                data.Add(name, chunkCols);
            }
        }
        return data;
    }

    private static double[] Run(string name, BlockedArray<double> x) => name switch
    {
        "sum" => [x.Sum().Compute(Synchronous)],
        "mean" => [x.Mean().Compute(Synchronous)],
        "std" => [x.Std().Compute(Synchronous)],
        "min" => [x.Min().Compute(Synchronous)],
        "argmax" => [x.ArgMax().Compute(Synchronous)],
        "sum0" => [.. x.Sum(0).Compute(Synchronous)],
        "mean0" => [.. x.Mean(0).Compute(Synchronous)],
        "std0" => [.. x.Std(0).Compute(Synchronous)],
        "argmin1" => [.. x.ArgMin(1).Compute(Synchronous).Select(i => (double)i)],
        "fused-sum0" => [.. (x * x).Sum(0).Compute(Synchronous)],
        "fused-sum" => [((x * 2.0) + 1.0).Sum().Compute(Synchronous)],
        _ => throw new ArgumentException($"Unknown reduction {name}.", nameof(name)),
    };

    /// <summary>The same reduction by plain loops over the row-major values.</summary>
    private static double[] Reference(string name, double[] v, int rows, int cols)
    {
        double At(int r, int c) => v[(r * cols) + c];
        double[] Columns(Func<IEnumerable<double>, double> f) =>
            [.. Enumerable.Range(0, cols).Select(c => f(Enumerable.Range(0, rows).Select(r => At(r, c))))];
        static double Std(IEnumerable<double> xs)
        {
            var a = xs.ToArray();
            var mean = a.Average();
            return Math.Sqrt(a.Sum(x => (x - mean) * (x - mean)) / a.Length);
        }
        return name switch
        {
            "sum" => [v.Sum()],
            "mean" => [v.Average()],
            "std" => [Std(v)],
            "min" => [v.Min()],
            "argmax" => [Array.IndexOf(v, v.Max())],
            "sum0" => Columns(xs => xs.Sum()),
            "mean0" => Columns(xs => xs.Average()),
            "std0" => Columns(Std),
            "argmin1" => [.. Enumerable.Range(0, rows).Select(r =>
            {
                var row = v.AsSpan(r * cols, cols).ToArray();
                return (double)Array.IndexOf(row, row.Min());
            })],
            "fused-sum0" => Columns(xs => xs.Sum(x => x * x)),
            "fused-sum" => [v.Sum(x => (x * 2.0) + 1.0)],
            _ => throw new ArgumentException($"Unknown reduction {name}.", nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduction_OverColumnBlocks_AllocatesPerBlock_NeverABlock(string name, int chunkCols)
    {
        var chunks = ChunkSpec.Create([Rows, chunkCols]);
        Run(name, BlockedArray.FromArray(Values, [Rows, Cols], chunks)); // JIT
        var blocks = Cols / chunkCols;
        var blockBytes = (long)Rows * chunkCols * sizeof(double);
        // Nothing may be reused from an earlier run: a block gathered into pooled scratch would
        // be hidden by the pool (weakly held, so a full collection empties it).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Run(name, BlockedArray.FromArray(Values, [Rows, Cols], chunks));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Per block: the graph, a compiled prologue's tiles (a 128 KiB gather tile for a strided
        // block read alone), the partials (a few words per output, merged up a tree).
        var outputsPerBlock = name switch
        {
            "sum0" or "mean0" or "std0" or "fused-sum0" => chunkCols,
            "argmin1" => Rows,
            _ => 1,
        };
        var allowed = (blockBytes / 10) + ((160L << 10) * blocks) + (128L * outputsPerBlock * blocks);
        Assert.True(allowed < blockBytes, "The bound must be able to catch a block-sized copy.");
        Assert.True(allocated < allowed,
            $"{name} over {blocks} column blocks of {blockBytes:N0} bytes allocated {allocated:N0} bytes; under {allowed:N0} expected " +
            "(per block, never a copy of a block).");

        var expected = Reference(name, Values, Rows, Cols);
        Assert.Equal(expected.Length, result.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - result[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])),
                $"{name}[{i}]: {result[i]} where the loops give {expected[i]}.");
        }
    }

    [Fact]
    public void Elementwise_OverColumnBlocks_AllocatesItsResult_NotACopyOfTheInput()
    {
        var chunks = ChunkSpec.Create([Rows, 500]);
        var x = BlockedArray.FromArray(Values, [Rows, Cols], chunks);
        _ = ((x * 2.0) + 1.0).Compute(Synchronous); // JIT
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ((x * 2.0) + 1.0).Compute(Synchronous);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The result is new memory, and so are its column blocks (not one window of the result:
        // computed apart, then copied in), two arrays' bytes; a block-sized copy of each input
        // block before the kernel would add a third.
        var dataBytes = (long)Values.Length * sizeof(double);
        var allowed = dataBytes * 9 / 4;
        Assert.True(allocated < allowed,
            $"(x * 2 + 1) over column blocks allocated {allocated:N0} bytes for a {dataBytes:N0}-byte result; under {allowed:N0} expected.");
        for (var r = 0; r < Rows; r += 97)
        {
            for (var c = 0; c < Cols; c += 89)
            {
                Assert.Equal((Values[(r * Cols) + c] * 2.0) + 1.0, result[r, c]);
            }
        }
    }

    public static TheoryData<int[]> ThreeDimensionalChunks() => new()
    {
        new[] { 3, 7, 300 },  // split on every axis: a view with two outer strides
        new[] { 6, 40, 70 },  // last axis only: runs of 70, gathered a tile at a time
        new[] { 2, 40, 300 }, // contiguous windows (views at an offset), the reference layout
        new[] { 6, 9, 300 },  // middle axis: runs of whole rows, read in place
    };

    [Theory]
    [MemberData(nameof(ThreeDimensionalChunks))]
    public void Reductions_OverInnerAxisChunks_MatchTheLoops(int[] chunkShape)
    {
        const int A = 6, B = 40, C = 300;
        var values = Make(A * B * C, 3);
        var x = BlockedArray.FromArray(values, [A, B, C], ChunkSpec.Create([.. chunkShape.Select(c => (long)c)]));
        double At(int a, int b, int c) => values[(((a * B) + b) * C) + c];

        Assert.Equal(values.Sum(), x.Sum().Compute(Synchronous), 1e-9);
        Assert.Equal(Array.IndexOf(values, values.Max()), x.ArgMax().Compute(Synchronous));
        Assert.Equal(values.Min(), x.Min().Compute(Synchronous));

        var sum02 = x.Sum([0, 2]).Compute(Synchronous);
        var mean1 = x.Mean(1).Compute(Synchronous);
        var max2 = x.Max(2).Compute(Synchronous);
        var argmin0 = x.ArgMin(0).Compute(Synchronous);
        var fused = ((x - 0.25) * x).Sum(1).Compute(Synchronous);
        for (var b = 0; b < B; b++)
        {
            var s = 0.0;
            for (var a = 0; a < A; a++)
            {
                for (var c = 0; c < C; c++)
                {
                    s += At(a, b, c);
                }
            }
            Assert.Equal(s, sum02[b], 1e-9);
        }
        for (var a = 0; a < A; a++)
        {
            for (var c = 0; c < C; c += 13)
            {
                Assert.Equal(Enumerable.Range(0, B).Average(b => At(a, b, c)), mean1[a, c], 1e-12);
                Assert.Equal(Enumerable.Range(0, B).Sum(b => (At(a, b, c) - 0.25) * At(a, b, c)), fused[a, c], 1e-12);
            }
            for (var b = 0; b < B; b += 7)
            {
                Assert.Equal(Enumerable.Range(0, C).Max(c => At(a, b, c)), max2[a, b]);
            }
        }
        for (var b = 0; b < B; b += 5)
        {
            for (var c = 0; c < C; c += 17)
            {
                var column = Enumerable.Range(0, A).Select(a => At(a, b, c)).ToArray();
                Assert.Equal(Array.IndexOf(column, column.Min()), argmin0[b, c]);
            }
        }
    }

    [Fact]
    public void Computations_OverColumnBlocks_NeverWriteTheCallersArray()
    {
        var values = Make(300 * 400, 7);
        values[1234] = double.NaN; // NaN paths read too
        var snapshot = (double[])values.Clone();
        var x = BlockedArray.FromArray(values, [300, 400], [100, 130]);
        _ = x.NanSum().Compute(Synchronous);
        _ = x.Std(0).Compute(Synchronous);
        _ = x.NanArgMax(1).Compute(Synchronous);
        _ = ((x * x) + 1.0).Mean(0).Compute(Synchronous);
        _ = (x * 3.0).Compute(Synchronous);
        _ = x.Persist(Synchronous).Sum().Compute(Synchronous);
        _ = x.Max(1).Compute(Synchronous);
        Assert.Equal(snapshot.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(snapshot[i].Equals(values[i]), $"The caller's array changed at {i}: {snapshot[i]} became {values[i]}.");
        }
    }
}
