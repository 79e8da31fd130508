using System.Numerics.Tensors;

namespace Tessera.Arrays.Tests.Masks;

/// <summary>
/// Compares an array, whose shape may be unknown until computed, with NumPy's result on both
/// schedulers: the computed shape must be NumPy's, and every value within a tolerance scaled to
/// its magnitude (NaN matches NaN).
/// </summary>
internal static class MaskAssert
{
    public static void Equal<T>(NumPyReference.Result expected, BlockedArray<T> actual, double relative = 1e-12) where T : unmanaged
    {
        foreach (var scheduler in new[] { SchedulerKind.Synchronous, SchedulerKind.Threaded })
        {
            var tensor = actual.Compute(new ComputeOptions { Scheduler = scheduler });
            var shape = actual.Rank == 0 ? [] : tensor.Lengths.ToArray().Select(l => (long)l).ToArray();
            Assert.Equal(expected.Shape, shape);
            Values(expected.Values, tensor, relative, scheduler.ToString());
        }
    }

    public static void Values<T>(double[] expected, Tensor<T> tensor, double relative, string label) where T : unmanaged
    {
        var values = new T[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var e = expected[i];
            var a = Convert.ToDouble(values[i], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(e - a) <= relative * Math.Max(1, Math.Abs(e)) || (double.IsNaN(e) && double.IsNaN(a)),
                $"element {i}: expected {e}, got {a} ({label})");
        }
    }

    public static void Scalar(NumPyReference.Result expected, double actual, double relative = 1e-12)
    {
        Assert.Empty(expected.Shape);
        var e = expected.Values[0];
        Assert.True(Math.Abs(e - actual) <= relative * Math.Max(1, Math.Abs(e)) || (double.IsNaN(e) && double.IsNaN(actual)),
            $"expected {e}, got {actual}");
    }
}
