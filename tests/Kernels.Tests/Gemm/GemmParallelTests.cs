using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>The fork-join under multi-threaded managed GEMM.</summary>
public sealed class GemmParallelTests
{
    [Fact]
    public void For_ManyParts_RunsEachExactlyOnce()
    {
        var counts = new int[7];
        GemmParallel.For(counts.Length, p => Interlocked.Increment(ref counts[p]));
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public void For_PartThrows_RethrowsAfterAllPartsFinish()
    {
        int finished = 0;
        var e = Assert.Throws<AggregateException>(() => GemmParallel.For(4, p =>
        {
            if (p == 2)
            {
                throw new InvalidOperationException("part 2");
            }
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("part 2", e.InnerException!.Message);
        Assert.Equal(3, finished);
    }
}
