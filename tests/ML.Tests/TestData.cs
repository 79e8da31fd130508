using Tessera.Arrays;

namespace Tessera.ML.Tests;

/// <summary>Seeded data sets and comparison helpers.</summary>
internal static class TestData
{
    /// <summary>Standard normal values (Box–Muller on a seeded generator).</summary>
    public static double[] Normal(int count, int seed, double mean = 0, double std = 1)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u = 1 - random.NextDouble();
            var v = random.NextDouble();
            values[i] = mean + std * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        }
        return values;
    }

    /// <summary>A blocked n × d array of <paramref name="values"/> in row blocks of <paramref name="rowsPerBlock"/>.</summary>
    public static BlockedArray<double> Matrix(double[] values, int n, int d, int rowsPerBlock) =>
        BlockedArray.FromArray(values, [n, d], ChunkSpec.Create([rowsPerBlock, d]));

    public static BlockedArray<double> Vector(double[] values, int rowsPerBlock) =>
        BlockedArray.FromArray(values, [values.Length], ChunkSpec.Create([rowsPerBlock]));

    /// <summary>Asserts |actual − expected| ≤ rtol · max(|expected|, floor) elementwise, naming the first failure.</summary>
    public static void Close(double[] expected, double[] actual, double rtol, double floor = 1, string what = "values")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = rtol * Math.Max(Math.Abs(expected[i]), floor);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:G3})");
        }
    }

    public static double[] ToArray<T>(System.Numerics.Tensors.Tensor<T> tensor) where T : unmanaged
    {
        var values = new T[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return [.. values.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture))];
    }
}
