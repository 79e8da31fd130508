using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Tessera.IO.Zarr.Metadata;

/// <summary>
/// Fill values: what a chunk that was never written reads as. JSON numbers, <c>true</c>/<c>false</c>,
/// the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, v3's hex bit patterns
/// (<c>"0x7fc00000"</c>) and v2's <c>null</c> (no fill value; read as zeros) become the element's
/// little-endian bytes.
/// </summary>
internal static class ZarrFillValue
{
    public static byte[] Parse(JsonNode? node, DType dtype, string key)
    {
        var bytes = new byte[dtype.Size()];
        if (node is null)
        {
            return bytes;
        }
        try
        {
            if (node.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                var text = node.GetValue<string>();
                if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                {
                    var bits = ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    return Narrow(BitConverter.GetBytes(bits), bytes.Length);
                }
                var special = text switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => throw new ZarrFormatException(key, $"fill_value \"{text}\" is not \"NaN\", \"Infinity\", \"-Infinity\" or a 0x hex bit pattern."),
                };
                Write(bytes, dtype, special);
                return bytes;
            }
            if (node.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                bytes[0] = node.GetValue<bool>() ? (byte)1 : (byte)0;
                return bytes;
            }
            var number = node.AsValue();
            if (dtype.IsFloatingPoint())
            {
                Write(bytes, dtype, number.GetValue<double>());
            }
            else if (dtype.IsUnsignedInteger() || dtype == DType.Bool)
            {
                return Narrow(BitConverter.GetBytes(number.GetValue<ulong>()), bytes.Length);
            }
            else
            {
                return Narrow(BitConverter.GetBytes(number.GetValue<long>()), bytes.Length);
            }
            return bytes;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new ZarrFormatException(key, $"fill_value {node.ToJsonString()} is not a valid {dtype.NumPyName()} value.", e);
        }
    }

    /// <summary>The JSON written for a fill value, as zarr-python writes it (NaN and infinities as strings).</summary>
    public static JsonNode? ToJson(double? value, DType dtype)
    {
        if (value is not { } v)
        {
            return null;
        }
        if (dtype == DType.Bool)
        {
            return JsonValue.Create(v != 0);
        }
        if (dtype.IsFloatingPoint())
        {
            return double.IsNaN(v) ? JsonValue.Create("NaN")
                : double.IsPositiveInfinity(v) ? JsonValue.Create("Infinity")
                : double.IsNegativeInfinity(v) ? JsonValue.Create("-Infinity")
                : JsonValue.Create(v);
        }
        if (v != Math.Floor(v))
        {
            throw new ArgumentException($"The fill value {v} is not a whole number, but the array is {dtype.NumPyName()}; give an integer fill value.");
        }
        return dtype.IsUnsignedInteger() ? JsonValue.Create((ulong)v) : JsonValue.Create((long)v);
    }

    /// <summary>The low <paramref name="size"/> bytes of a little-endian 64-bit value.</summary>
    private static byte[] Narrow(byte[] wide, int size) => wide[..size];

    private static void Write(byte[] bytes, DType dtype, double value)
    {
        switch (dtype)
        {
            case DType.Float16:
                BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value);
                break;
            case DType.Float32:
                BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)value);
                break;
            case DType.Float64:
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
                break;
            default:
                if (!double.IsFinite(value))
                {
                    throw new FormatException($"{value} is not representable in {dtype.NumPyName()}.");
                }
                Narrow(BitConverter.GetBytes((long)value), bytes.Length).CopyTo(bytes, 0);
                break;
        }
    }
}
