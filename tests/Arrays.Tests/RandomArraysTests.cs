using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class RandomArraysTests
{
    [Fact]
    public void SameSeedAndChunks_SameNumbers_OnEitherExecutor()
    {
        var a = BlockedArray.Random(42).Normal<double>([300, 200], [128, 64]);
        var b = BlockedArray.Random(42).Normal<double>([300, 200], [128, 64]);
        Assert.Equal(a.Name, b.Name);
        var threaded = a.Compute().ToArray();
        var synchronous = b.Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous }).ToArray();
        Assert.Equal(threaded, synchronous);
        Assert.NotEqual(threaded, BlockedArray.Random(43).Normal<double>([300, 200], [128, 64]).Compute().ToArray());
    }

    [Fact]
    public void Normal_HasTheRequestedMomentsAndBlocksDiffer()
    {
        var x = BlockedArray.Random(7).Normal<double>([200_000], [50_000], mean: 3, std: 2);
        Assert.Equal(3, x.Mean().Compute(), 0.03);
        Assert.Equal(2, x.Std().Compute(), 0.03);
        var values = x.Compute().ToArray();
        Assert.NotEqual(values[..100], values[50_000..50_100]); // each block has its own stream
    }

    [Fact]
    public void Uniform_StaysInRange_AndIntegersToo()
    {
        var u = BlockedArray.Random(1).Uniform<float>([10_000], [3000], low: -1, high: 1).Compute().ToArray();
        Assert.All(u, v => Assert.InRange(v, -1f, 1f));
        Assert.Equal(0, u.Average(), 0.05);
        var k = BlockedArray.Random(1).Integers<long>([10_000], 5, 9, [4096]).Compute().ToArray();
        Assert.Equal([5L, 6, 7, 8], k.Distinct().Order());
    }

    [Fact]
    public void BadParameters_AreClearErrors()
    {
        Assert.Contains("low < high", Assert.Throws<ArgumentException>(() => BlockedArray.Random(1).Uniform<double>([3], low: 2, high: 1)).Message);
        Assert.Contains("std >= 0", Assert.Throws<ArgumentException>(() => BlockedArray.Random(1).Normal<double>([3], std: -1)).Message);
    }
}
