using System.Numerics.Tensors;
using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

/// <summary>
/// FromTensor and FromFunction view a dense tensor's values instead of copying them: making the
/// array and reducing it allocate far less than its data, results equal loops over the values,
/// and tensors that are not one dense row-major window (strided slices) are still read right.
/// </summary>
[Collection(nameof(FromArrayViewTests))]
public class FromTensorViewTests
{
    private const int Rows = 2048, Cols = 2000; // 32 MB of float64

    private static readonly ComputeOptions Synchronous = new() { Scheduler = SchedulerKind.Synchronous, Device = Device.Cpu };

    private static readonly double[] Values = Make(Rows * Cols, 5);

    private static double[] Make(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5)];
    }

    private static long Allocated(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(256, Cols)] // row blocks: views at an offset
    [InlineData(Rows, 500)] // column blocks: strided views
    public void FromTensor_DenseTensor_IsViewedNotCopied(int chunkRows, int chunkCols)
    {
        var tensor = Tensor.Create(Values, [Rows, Cols]);
        var chunks = ChunkSpec.Create([chunkRows, chunkCols]);
        _ = BlockedArray.FromTensor(tensor, chunks).Sum(0).Compute(Synchronous); // warm the kernels and caches
        BlockedArray<double>? x = null;
        double[] sums = [];
        var allocated = Allocated(() =>
        {
            x = BlockedArray.FromTensor(tensor, chunks);
            sums = x.Sum(0).Compute(Synchronous).ToArray();
        });
        var blockBytes = (long)chunkRows * chunkCols * sizeof(double);
        Assert.True(allocated < blockBytes / 4,
            $"FromTensor + sum(axis=0) allocated {allocated:N0} bytes; a view allocates under {blockBytes / 4:N0} (one block is {blockBytes:N0}).");
        foreach (var c in new[] { 0, 777, Cols - 1 })
        {
            var expected = 0.0;
            for (var r = 0; r < Rows; r++)
            {
                expected += Values[(r * Cols) + c];
            }
            Assert.Equal(expected, sums[c], 1e-9);
        }
    }

    [Fact]
    public void FromTensor_SliceOfWholeRows_ViewsFromItsFirstRow()
    {
        // A slice of whole rows is dense and starts inside the array: the view must start there too.
        var tensor = Tensor.Create(Values, [Rows, Cols]).Slice([100..300, 0..Cols]);
        var x = BlockedArray.FromTensor(tensor, ChunkSpec.Create([64, 700]));
        var result = x.Compute(Synchronous);
        Assert.Equal([200, Cols], result.Lengths.ToArray().Select(l => (int)l));
        Assert.Equal(Values[100 * Cols], result[0, 0]);
        Assert.Equal(Values[(299 * Cols) + Cols - 1], result[199, Cols - 1]);
        Assert.Equal(Enumerable.Range(100, 200).Sum(r => Values[(r * Cols) + 3]), x.Sum(0).Compute(Synchronous)[3], 1e-9);
    }

    [Fact]
    public void FromTensor_StridedSlice_IsCopiedWithTheRightValues()
    {
        // Columns 10..30 of every row are not one window of the array: the tensor is copied.
        var tensor = Tensor.Create(Values, [Rows, Cols]).Slice([0..Rows, 10..30]);
        var result = BlockedArray.FromTensor(tensor, ChunkSpec.Create([500, 7])).Compute(Synchronous);
        for (var r = 0; r < Rows; r += 131)
        {
            for (var c = 0; c < 20; c++)
            {
                Assert.Equal(Values[(r * Cols) + 10 + c], result[r, c]);
            }
        }
    }

    [Fact]
    public void FromFunction_DenseTensors_AreTheBlocksThemselves()
    {
        // Each block is a tensor over its own array; the sum reads them without copying.
        var blocks = Enumerable.Range(0, 8).Select(b => Tensor.Create(Values[(b * 256 * Cols)..((b + 1) * 256 * Cols)], [256, Cols])).ToArray();
        var x = BlockedArray.FromFunction<double>([Rows, Cols], ChunkSpec.Create([256, Cols]), (index, _) => blocks[index[0]], name: "tensor-blocks");
        _ = x.Sum().Compute(Synchronous);
        var total = 0.0;
        var allocated = Allocated(() => total = x.Sum().Compute(Synchronous));
        var blockBytes = 256L * Cols * sizeof(double);
        Assert.True(allocated < blockBytes / 4, $"sum over FromFunction tensors allocated {allocated:N0} bytes; under {blockBytes / 4:N0} expected.");
        Assert.Equal(Values.Sum(), total, 1e-6);
    }
}
