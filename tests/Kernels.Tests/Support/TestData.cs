using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Support;

/// <summary>
/// Seeded test values per element type. Random values are mixed with the awkward ones every op
/// must get right: NaN, infinities, signed zeros, halves (rounding), integer extremes (wrapping).
/// </summary>
internal static class TestData
{
    private static readonly double[] FloatSpecials =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1, -1, 1e-8, 3, 7, -7];

    private static readonly long[] IntegerSpecials = [0, 1, -1, 2, -2, 7, -7, 3];

    public static Array Create(DType dtype, int length, int seed, bool specials = true, double range = 10)
    {
        var random = new Random(seed);
        return dtype switch
        {
            DType.Float32 => Fill(length, i => (float)Real(random, specials, range)),
            DType.Float64 => Fill(length, i => Real(random, specials, range)),
            DType.Int32 => Fill(length, i => (int)Integer(random, specials, int.MinValue, int.MaxValue, range)),
            DType.Int64 => Fill(length, i => Integer(random, specials, long.MinValue, long.MaxValue, range)),
            DType.Int8 => Fill(length, i => unchecked((sbyte)Integer(random, specials, sbyte.MinValue, sbyte.MaxValue, range))),
            DType.Int16 => Fill(length, i => unchecked((short)Integer(random, specials, short.MinValue, short.MaxValue, range))),
            DType.UInt8 => Fill(length, i => unchecked((byte)Integer(random, specials, byte.MinValue, byte.MaxValue, range))),
            DType.UInt16 => Fill(length, i => unchecked((ushort)Integer(random, specials, ushort.MinValue, ushort.MaxValue, range))),
            DType.UInt32 => Fill(length, i => unchecked((uint)Integer(random, specials, uint.MinValue, uint.MaxValue, range))),
            // Negative draws wrap to values near 2^64, so the top half of the range is exercised too.
            DType.UInt64 => Fill(length, i => unchecked((ulong)Integer(random, specials, 0, long.MaxValue, range))),
            DType.Float16 => Fill(length, i => (Half)Real(random, specials, range)),
            _ => Fill(length, i => random.Next(2) == 1),
        };
    }

    /// <summary>Element <paramref name="i"/> of a test array as a <see cref="Scalar"/>.</summary>
    /// <remarks>
    /// Dispatches on the exact array type: the runtime lets a uint[] pass as an int[] (and byte[] as
    /// sbyte[]), so type patterns would read unsigned arrays as signed ones.
    /// </remarks>
    public static Scalar At(Array array, long i)
    {
        var type = array.GetType().GetElementType();
        if (type == typeof(float)) return Scalar.Float32(((float[])array)[i]);
        if (type == typeof(double)) return Scalar.Float64(((double[])array)[i]);
        if (type == typeof(int)) return Scalar.Int32(((int[])array)[i]);
        if (type == typeof(long)) return Scalar.Int64(((long[])array)[i]);
        if (type == typeof(bool)) return Scalar.Bool(((bool[])array)[i]);
        if (type == typeof(sbyte)) return Scalar.Of(((sbyte[])array)[i]);
        if (type == typeof(short)) return Scalar.Of(((short[])array)[i]);
        if (type == typeof(byte)) return Scalar.Of(((byte[])array)[i]);
        if (type == typeof(ushort)) return Scalar.Of(((ushort[])array)[i]);
        if (type == typeof(uint)) return Scalar.Of(((uint[])array)[i]);
        if (type == typeof(ulong)) return Scalar.Of(((ulong[])array)[i]);
        if (type == typeof(Half)) return Scalar.Of(((Half[])array)[i]);
        throw new ArgumentException($"Unsupported test array {array.GetType()}");
    }

    private static T[] Fill<T>(int length, Func<int, T> make)
    {
        var a = new T[length];
        for (var i = 0; i < length; i++)
        {
            a[i] = make(i);
        }
        return a;
    }

    private static double Real(Random random, bool specials, double range)
    {
        if (specials && random.Next(8) == 0)
        {
            return FloatSpecials[random.Next(FloatSpecials.Length)];
        }
        return Math.Round(((random.NextDouble() * 2) - 1) * range, random.Next(2) == 0 ? 1 : 6);
    }

    private static long Integer(Random random, bool specials, long min, long max, double range)
    {
        if (specials && random.Next(10) == 0)
        {
            return random.Next(12) == 0 ? (random.Next(2) == 0 ? min : max) : IntegerSpecials[random.Next(IntegerSpecials.Length)];
        }
        return (long)Math.Round(((random.NextDouble() * 2) - 1) * range);
    }
}
