using System.Globalization;

namespace Tessera.IO.Csv;

/// <summary>Number parsing from UTF-8 field bytes, with fast paths for the plain forms CSV files mostly hold.</summary>
internal static class CsvNumbers
{
    // Powers of ten exact in a double: a decimal with at most 15 digits and at most 22 fraction
    // digits is then one correctly rounded division (Clinger's fast path), as exact as a full parse.
    private static readonly double[] s_powers =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    // Inlined into the integer builders' Append: a call per value showed in profiles.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.Length || s.Length - i > 19)
        {
            return false;
        }
        ulong v = 0;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }
            v = (v * 10) + d;
        }
        // 19 digits fit an unsigned long; the signed range is checked here.
        if (negative ? v > 9223372036854775808UL : v > long.MaxValue)
        {
            return false;
        }
        value = negative ? (long)(0 - v) : (long)v;
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        ulong mantissa = 0;
        var digits = 0;
        var fraction = 0;
        var seenPoint = false;
        var any = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                any = true;
                if (mantissa != 0 || d != 0)
                {
                    digits++;
                }
                mantissa = (mantissa * 10) + d;
                if (seenPoint)
                {
                    fraction++;
                }
                if (digits > 15)
                {
                    return Slow(s, out value);
                }
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return Slow(s, out value);
            }
        }
        if (!any || fraction > 22)
        {
            return Slow(s, out value);
        }
        value = mantissa / s_powers[fraction];
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    private static bool Slow(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
