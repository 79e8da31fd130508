namespace Tessera.IO.Hdf5;

/// <summary>
/// The bit layout of a floating-point datatype as its datatype message describes it: where the
/// sign, exponent and mantissa lie, the exponent bias and how the mantissa is normalised. Enough
/// to decode any binary float, such as x87 80-bit long doubles stored in 16 bytes (h5py's
/// float128) or IEEE binary128.
/// </summary>
/// <param name="BitOffset">First bit of the value within the element.</param>
/// <param name="Precision">Bits of the value.</param>
/// <param name="SignBit">Bit position of the sign.</param>
/// <param name="ExponentBit">First bit of the exponent.</param>
/// <param name="ExponentBits">Exponent width.</param>
/// <param name="MantissaBit">First bit of the mantissa.</param>
/// <param name="MantissaBits">Mantissa width.</param>
/// <param name="ExponentBias">Exponent bias.</param>
/// <param name="Normalization">0 none (the leading bit is stored, as in x87 long doubles), 1 the stored leading bit is always set, 2 it is implied (IEEE).</param>
internal sealed record FloatLayout(int BitOffset, int Precision, int SignBit, int ExponentBit, int ExponentBits,
    int MantissaBit, int MantissaBits, long ExponentBias, int Normalization)
{
    public static FloatLayout Parse(ref ByteCursor c, uint bits)
    {
        long start = c.FileOffset;
        var layout = new FloatLayout(
            BitOffset: c.U16(),
            Precision: c.U16(),
            SignBit: (int)((bits >> 8) & 0xFF),
            ExponentBit: c.U8(),
            ExponentBits: c.U8(),
            MantissaBit: c.U8(),
            MantissaBits: c.U8(),
            ExponentBias: c.U32(),
            Normalization: (int)((bits >> 4) & 0x03));
        if (layout.Normalization == 3 || layout.ExponentBits is < 1 or > 62 || layout.MantissaBits is < 1 or > 120
            || layout.ExponentBit + layout.ExponentBits > 128 || layout.MantissaBit + layout.MantissaBits > 128 || layout.SignBit >= 128)
        {
            throw new Hdf5FormatException(c.Structure, start,
                $"floating-point fields (sign bit {layout.SignBit}, exponent {layout.ExponentBits} bits at {layout.ExponentBit}, " +
                $"mantissa {layout.MantissaBits} bits at {layout.MantissaBit}, normalization {layout.Normalization}) do not describe a float.");
        }
        return layout;
    }

    /// <summary>Whether this is the IEEE binary32 or binary64 layout, which reads without conversion.</summary>
    public bool IsIeee(int size) => Normalization == 2 && BitOffset == 0 && (size, ExponentBits, MantissaBits, ExponentBit, SignBit) switch
    {
        (2, 5, 10, 10, 15) or (4, 8, 23, 23, 31) or (8, 11, 52, 52, 63) => true,
        _ => false,
    };

    /// <summary>
    /// Decodes one element, its bytes in little-endian order, to the nearest double (ties to
    /// even, as NumPy's astype(float64) rounds): values beyond double's range become infinities,
    /// tiny ones subnormals or zeros.
    /// </summary>
    public double ToDouble(ReadOnlySpan<byte> element)
    {
        UInt128 v = 0;
        for (int i = Math.Min(element.Length, 16) - 1; i >= 0; i--)
        {
            v = (v << 8) | element[i];
        }
        bool negative = ((v >> SignBit) & 1) != 0;
        ulong expMax = (1UL << ExponentBits) - 1;
        long exponent = (long)(ulong)((v >> ExponentBit) & expMax);
        UInt128 mantissa = (v >> MantissaBit) & ((UInt128.One << MantissaBits) - 1);
        double magnitude;
        if (exponent == (long)expMax)
        {
            // All-ones exponent: infinity when the fraction (without an explicit leading bit) is zero.
            var fraction = Normalization == 2 ? mantissa : mantissa & ((UInt128.One << (MantissaBits - 1)) - 1);
            magnitude = fraction == 0 ? double.PositiveInfinity : double.NaN;
        }
        else
        {
            UInt128 significand;
            long scale;
            switch (Normalization)
            {
                case 2:
                    significand = exponent == 0 ? mantissa : mantissa | (UInt128.One << MantissaBits);
                    scale = Math.Max(exponent, 1) - ExponentBias - MantissaBits;
                    break;
                default:
                    // The leading bit is stored (x87 long doubles, which HDF5 describes as "no
                    // normalization"): the binary point follows the mantissa's top bit, as in
                    // the library's conversions.
                    significand = mantissa;
                    scale = Math.Max(exponent, 1) - ExponentBias - (MantissaBits - 1);
                    break;
            }
            magnitude = Round(significand, scale);
        }
        return negative ? -magnitude : magnitude;
    }

    // significand * 2^scale rounded to the nearest double, ties to even.
    private static double Round(UInt128 significand, long scale)
    {
        if (significand == 0)
        {
            return 0.0;
        }
        int length = 128 - (int)UInt128.LeadingZeroCount(significand);
        long top = length - 1 + scale;
        if (top > 1023)
        {
            return double.PositiveInfinity;
        }
        // The lowest bit a double can keep here: 52 below the top bit, or 2^-1074 for subnormals.
        long lowest = Math.Max(top - 52, -1074);
        long shift = lowest - scale;
        if (shift <= 0)
        {
            return Math.ScaleB((double)(ulong)significand, (int)scale);
        }
        if (shift >= 128)
        {
            return 0.0;
        }
        UInt128 kept = significand >> (int)shift;
        UInt128 rest = significand - (kept << (int)shift);
        UInt128 half = UInt128.One << (int)(shift - 1);
        if (rest > half || (rest == half && (kept & 1) != 0))
        {
            kept++;
        }
        return Math.ScaleB((double)(ulong)kept, (int)lowest);
    }
}
