using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Internals;

/// <summary>Decoding non-IEEE-double floats to double: x87 long doubles and IEEE binary128, rounding ties to even.</summary>
public sealed class FloatLayoutTests
{
    // How HDF5 describes an x87 80-bit long double in 16 bytes: sign bit 79, exponent 15 bits at
    // 64, mantissa 64 bits at 0 with its leading bit stored, bias 16383.
    private static readonly FloatLayout X87 = new(0, 80, 79, 64, 15, 0, 64, 16383, 0);
    private static readonly FloatLayout Binary128 = new(0, 128, 127, 112, 15, 0, 112, 16383, 2);

    private static byte[] X87Bytes(int signAndExponent, ulong mantissa)
    {
        var b = new byte[16];
        BitConverter.TryWriteBytes(b.AsSpan(0, 8), mantissa);
        BitConverter.TryWriteBytes(b.AsSpan(8, 2), (ushort)signAndExponent);
        return b;
    }

    [Theory]
    [InlineData(16383, 0x8000000000000000UL, 1.0)]
    [InlineData(16383 | 0x8000, 0xC000000000000000UL, -1.5)]
    [InlineData(16384, 0x8000000000000000UL, 2.0)]
    [InlineData(0, 0UL, 0.0)]
    public void X87_ExactValues(int signAndExponent, ulong mantissa, double expected) =>
        Assert.Equal(expected, X87.ToDouble(X87Bytes(signAndExponent, mantissa)));

    [Fact]
    public void X87_HalfwayCases_RoundToEven()
    {
        // 1 + 2^-53 lies halfway between 1 and the next double: rounds down to the even 1.
        Assert.Equal(1.0, X87.ToDouble(X87Bytes(16383, 0x8000000000000400UL)));
        // 1 + 3 * 2^-53 lies halfway between 1 + 2^-52 (odd) and 1 + 2^-51: rounds up.
        Assert.Equal(1.0 + Math.Pow(2, -51), X87.ToDouble(X87Bytes(16383, 0x8000000000000C00UL)));
        // Just above halfway rounds up.
        Assert.Equal(1.0 + Math.Pow(2, -52), X87.ToDouble(X87Bytes(16383, 0x8000000000000401UL)));
    }

    [Fact]
    public void X87_OutOfRange_BecomesInfinityOrSignedZero_AndSpecialsSurvive()
    {
        Assert.Equal(double.PositiveInfinity, X87.ToDouble(X87Bytes(16383 + 2000, 0x8000000000000000UL)));
        double tiny = X87.ToDouble(X87Bytes(0x8000 | (16383 - 2000), 0x8000000000000000UL));
        Assert.True(tiny == 0 && double.IsNegative(tiny));
        Assert.Equal(double.NegativeInfinity, X87.ToDouble(X87Bytes(0xFFFF, 0x8000000000000000UL)));
        Assert.True(double.IsNaN(X87.ToDouble(X87Bytes(0x7FFF, 0xC000000000000000UL))));
        // 2^-1074, the smallest double subnormal.
        Assert.Equal(double.Epsilon, X87.ToDouble(X87Bytes(16383 - 1074, 0x8000000000000000UL)));
    }

    [Fact]
    public void Binary128_OneThird_RoundsToTheNearestDouble()
    {
        // 1/3 in binary128: exponent 16381, fraction 0x5555...5 (112 bits).
        UInt128 bits = ((UInt128)16381 << 112) | (((UInt128)1 << 112) - 1) / 3;
        var b = new byte[16];
        for (int i = 0; i < 16; i++)
        {
            b[i] = (byte)(bits >> (8 * i));
        }
        Assert.Equal(1.0 / 3.0, Binary128.ToDouble(b));
        Assert.False(Binary128.IsIeee(16));
    }
}
