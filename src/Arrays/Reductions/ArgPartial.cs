using System.Numerics;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// The partial of argmin/argmax at each output position: the best value seen so far, its
/// global index (row-major over the reduced axes of the whole array) and whether any value
/// was seen (nan-arg reductions skip NaN, so a slice of one block can have none).
/// </summary>
internal sealed class ArgPartial<T>(T[] values, long[] indexes, bool[] seen) : IHasByteSize
    where T : unmanaged, INumber<T>
{
    public T[] Values { get; } = values;

    public long[] Indexes { get; } = indexes;

    public bool[] Seen { get; } = seen;

    public long ByteSize => Values.Length * (long)(System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + sizeof(long) + 1);

    public static ArgPartial<T> Empty(int positions) => new(new T[positions], new long[positions], new bool[positions]);

    /// <summary>
    /// Offers (value, index) at <paramref name="position"/>. NaN (only present when NaN is not
    /// skipped) beats every number, as NumPy's argmax returns the first NaN; equal values keep
    /// the smaller index, so ties resolve to the first occurrence whatever order partials merge in.
    /// </summary>
    public void Offer(int position, T value, long index, bool largest)
    {
        if (!Seen[position] || Beats(value, index, Values[position], Indexes[position], largest))
        {
            Values[position] = value;
            Indexes[position] = index;
            Seen[position] = true;
        }
    }

    private static bool Beats(T value, long index, T current, long currentIndex, bool largest)
    {
        var valueNaN = T.IsNaN(value);
        var currentNaN = T.IsNaN(current);
        if (valueNaN || currentNaN)
        {
            return valueNaN && (!currentNaN || index < currentIndex);
        }
        if (value == current)
        {
            return index < currentIndex;
        }
        return largest ? value > current : value < current;
    }

    /// <summary>Merges partials position by position (every partial has the same positions).</summary>
    public static ArgPartial<T> Merge(IReadOnlyList<ArgPartial<T>> parts, bool largest)
    {
        var merged = Empty(parts[0].Values.Length);
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Values.Length; i++)
            {
                if (part.Seen[i])
                {
                    merged.Offer(i, part.Values[i], part.Indexes[i], largest);
                }
            }
        }
        return merged;
    }
}
