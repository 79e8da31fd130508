using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayMaskTests
{
    private static readonly double[] Data = [.. Enumerable.Range(0, 35).Select(i => Math.Round(Math.Sin(i) * 5, 2))];

    private static BlockedArray<double> X() => BlockedArray.FromArray(Data, [7, 5], [3, 2]);

    [Fact]
    public void Comparisons_GiveMasks_AndWhereSelects()
    {
        var x = X();
        ArrayAssert.Equal([.. Data.Select(v => v > 1.0)], x > 1.0);
        ArrayAssert.Equal([.. Data.Select(v => v <= 0.0)], x <= 0.0);
        ArrayAssert.Equal([.. Data.Select(v => v < 2 ? v : -v)], BlockedArray.Where(x < 2.0, x, -x));
        ArrayAssert.Equal([.. Data.Select(v => v == v * 1)], x.ElementwiseEquals(x * 1.0));
        ArrayAssert.Equal([.. Data.Select(v => v > 0 && v < 3)], BlockedArray.And(x > 0.0, x < 3.0));
    }

    [Fact]
    public void Clip_LimitsTheRange()
    {
        ArrayAssert.Equal([.. Data.Select(v => Math.Clamp(v, -1.5, 2.5))], X().Clip(-1.5, 2.5));
    }

    [Fact]
    public void AnyAll_OverAllAndAlongAxes()
    {
        var x = X();
        Assert.True((x > 4.0).Any().Compute());
        Assert.False((x > 5.0).Any().Compute());
        Assert.True((x > -6.0).All().Compute());
        var rowsAllPositive = Enumerable.Range(0, 7).Select(r => Data.Skip(r * 5).Take(5).All(v => v > -4)).ToArray();
        ArrayAssert.Equal(rowsAllPositive, (x > -4.0).All([1]));
    }

    [Fact]
    public void NanReductions_SkipNaN()
    {
        var values = Data.Select((v, i) => i % 4 == 0 ? double.NaN : v).ToArray();
        var x = BlockedArray.FromArray(values, [7, 5], [3, 2]);
        var finite = values.Where(v => !double.IsNaN(v)).ToArray();
        Assert.True(double.IsNaN(x.Sum().Compute()));
        Assert.Equal(finite.Sum(), x.NanSum().Compute(), 1e-12);
        Assert.Equal(finite.Min(), x.NanMin().Compute());
        Assert.Equal(finite.Max(), x.NanMax().Compute());
        Assert.Equal(finite.Average(), x.NanMean().Compute(), 1e-12);
        var columnMeans = Enumerable.Range(0, 5).Select(c => Enumerable.Range(0, 7).Select(r => values[(r * 5) + c])
            .Where(v => !double.IsNaN(v)).Average()).ToArray();
        ArrayAssert.Equal(columnMeans, x.NanMean([0]), relative: 1e-12);
        Assert.Equal(DType.Bool, x.IsNaN().DType);
    }

    [Fact]
    public void Persist_ComputesOnceAndKeepsTheName()
    {
        var calls = 0;
        var x = BlockedArray.FromFunction<double>([6], [3], (_, shape) =>
        {
            Interlocked.Increment(ref calls);
            return System.Numerics.Tensors.Tensor.Create(Enumerable.Repeat(2.0, (int)shape[0]).ToArray(), [(nint)shape[0]]);
        }, name: "twos");
        var persisted = x.Persist();
        Assert.Equal(2, calls);
        Assert.Equal(x.Name, persisted.Name);
        Assert.Equal(12.0, persisted.Sum().Compute());
        Assert.Equal(24.0, (persisted * 2.0).Sum().Compute());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ComputeAsync_ReturnsTheTensor()
    {
        var tensor = await X().ComputeAsync();
        Assert.Equal(Data, tensor.ToArray());
    }
}
