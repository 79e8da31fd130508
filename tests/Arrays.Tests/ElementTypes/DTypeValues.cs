using System.Numerics;

namespace Tessera.Arrays.Tests.ElementTypes;

/// <summary>Test values of each element type: its extremes, -1/0/1, values that overflow when added or multiplied, and random ones.</summary>
internal static class DTypeValues
{
    public static T[] Of<T>(int count, int seed) where T : unmanaged, INumberBase<T>, IMinMaxValue<T>
    {
        T[] edges = [T.MinValue, T.MaxValue, T.Zero, T.One, T.CreateTruncating(2), T.CreateTruncating(100), T.CreateTruncating(-1), T.CreateTruncating(-7)];
        var random = new Random(seed);
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = i % 4 == 0 ? edges[(i / 4) % edges.Length]
                : typeof(T) == typeof(Half) ? T.CreateTruncating((random.NextDouble() - 0.5) * 200)
                : T.CreateTruncating(random.NextInt64(-300, 300));
        }
        return values;
    }

    /// <summary>Shift counts 0..width+1, including ones past the width (NumPy gives 0 or -1 there).</summary>
    public static T[] ShiftCounts<T>(int count, int seed) where T : unmanaged, INumberBase<T>
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => T.CreateTruncating(random.Next(0, 70)))];
    }
}
