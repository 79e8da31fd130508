using System.Numerics.Tensors;
using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

/// <summary>
/// dask's assert_eq for Tessera: computes on both executors, compares with a reference within a
/// tolerance scaled to magnitude, and checks that the array's name (hence its graph keys) is
/// the same when the same expression is built twice. Block shapes are checked by Compute itself.
/// </summary>
internal static partial class ArrayAssert
{
    public static void Equal<T>(T[] expected, BlockedArray<T> actual, Func<BlockedArray<T>>? rebuild = null, double relative = 1e-12)
        where T : unmanaged
    {
        foreach (var scheduler in new[] { SchedulerKind.Synchronous, SchedulerKind.Threaded })
        {
            var tensor = actual.Compute(new ComputeOptions { Scheduler = scheduler });
            Assert.Equal(actual.Shape.Select(d => (nint)d), tensor.Lengths.ToArray());
            var values = new T[tensor.FlattenedLength];
            tensor.FlattenTo(values);
            Assert.Equal(expected.Length, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                var e = Convert.ToDouble(expected[i]);
                var a = Convert.ToDouble(values[i]);
                var tolerance = relative * Math.Max(1, Math.Abs(e));
                Assert.True(Math.Abs(e - a) <= tolerance || (double.IsNaN(e) && double.IsNaN(a)),
                    $"element {i}: expected {e}, got {a} ({scheduler})");
            }
        }
        if (rebuild is not null)
        {
            var again = rebuild();
            Assert.Equal(actual.Name, again.Name);
            Assert.Equal(actual.ToGraph(Device.Cpu).Tasks.Select(t => t.Key).Order(),
                again.ToGraph(Device.Cpu).Tasks.Select(t => t.Key).Order());
        }
    }
}
