namespace Tessera.IO.Zarr.Metadata;

/// <summary>
/// An element type as Zarr spells it: v2's NumPy type strings (<c>&lt;f4</c>, <c>|u1</c>,
/// <c>&gt;i2</c>) carry the byte order, v3's names (<c>float32</c>) leave it to the
/// <c>bytes</c> codec. Chunks decode to little-endian in memory whatever the stored order.
/// </summary>
internal readonly record struct ZarrDataType(DType DType, bool BigEndian)
{
    public int Size => DType.Size();

    /// <summary>Parses a v2 <c>dtype</c> string such as <c>&lt;f4</c>.</summary>
    public static ZarrDataType ParseV2(string text, string key)
    {
        if (text.Length != 3 || text[0] is not ('<' or '>' or '|'))
        {
            throw new ZarrFormatException(key,
                $"dtype '{text}' is not a simple NumPy type string; expected a byte order ('<', '>' or '|'), a kind and a size, e.g. '<f4', '<i2', '|u1', '|b1'. Structured, string and datetime dtypes are not supported.");
        }
        DType? dtype = (text[1], text[2]) switch
        {
            ('b', '1') => DType.Bool,
            ('i', '1') => DType.Int8,
            ('i', '2') => DType.Int16,
            ('i', '4') => DType.Int32,
            ('i', '8') => DType.Int64,
            ('u', '1') => DType.UInt8,
            ('u', '2') => DType.UInt16,
            ('u', '4') => DType.UInt32,
            ('u', '8') => DType.UInt64,
            ('f', '2') => DType.Float16,
            ('f', '4') => DType.Float32,
            ('f', '8') => DType.Float64,
            _ => null,
        };
        if (dtype is null)
        {
            throw new ZarrFormatException(key,
                $"dtype '{text}' has no Tessera element type; supported are b1, i1/2/4/8, u1/2/4/8 and f2/4/8 (with '<', '>' or '|').");
        }
        return new(dtype.Value, text[0] == '>' && text[2] != '1');
    }

    /// <summary>Parses a v3 <c>data_type</c> name such as <c>float32</c>.</summary>
    public static ZarrDataType ParseV3(string name, string key)
    {
        foreach (var dtype in DTypes.All)
        {
            if (dtype.NumPyName() == name)
            {
                return new(dtype, false);
            }
        }
        throw new ZarrFormatException(key,
            $"data_type '{name}' has no Tessera element type; supported are bool, int8/16/32/64, uint8/16/32/64 and float16/32/64.");
    }

    /// <summary>The v2 type string written for <paramref name="dtype"/> (little-endian).</summary>
    public static string V2Name(DType dtype) => dtype switch
    {
        DType.Bool => "|b1",
        DType.Int8 => "|i1",
        DType.UInt8 => "|u1",
        _ => "<" + (dtype.IsFloatingPoint() ? "f" : dtype.IsSignedInteger() ? "i" : "u") + dtype.Size(),
    };

    /// <summary>The v3 <c>data_type</c> name of <paramref name="dtype"/>.</summary>
    public static string V3Name(DType dtype) => dtype.NumPyName();
}
