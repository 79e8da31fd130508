using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.IO.Parquet;

/// <summary>
/// String columns whose chunks are dictionary-encoded are read as their codes and dictionary
/// (Arrow C++'s read_dictionary) instead of a string per row, and become
/// <see cref="DictionaryStringArray"/>s: a string column to the rest of Tessera whose codes a
/// group-by can use directly.
/// </summary>
internal static class ParquetDictionaryReads
{
    // Parquet writers keep a dictionary page under about 1 MiB and fall back to plain pages past
    // it; a chunk bigger than its codes (4 bytes a value at most) plus such a page has plain
    // pages, where read_dictionary would hash every string, so it is read as strings.
    private const long DictionaryPageAllowance = (1 << 20) + (64 << 10);

    /// <summary>Whether a chunk of a column of <paramref name="type"/> is best read as its dictionary.</summary>
    public static bool Worthwhile(ParquetSharp.ColumnChunkMetaData chunk, IArrowType type) =>
        type.TypeId == ArrowTypeId.String
        && chunk.Encodings.Any(e => e is ParquetSharp.Encoding.RleDictionary or ParquetSharp.Encoding.PlainDictionary)
        && chunk.TotalUncompressedSize <= (4 * chunk.NumValues) + DictionaryPageAllowance;

    /// <summary>
    /// <paramref name="array"/> (Arrow C++'s memory) as a column in managed memory: the codes and
    /// dictionary are copied, so the column outlives the batch it came in.
    /// </summary>
    public static DictionaryStringArray ToManaged(DictionaryArray array)
    {
        var dictionary = Copy((StringArray)array.Dictionary);
        var indices = array.Indices;
        var codes = GC.AllocateUninitializedArray<int>(indices.Length);
        switch (indices)
        {
            case Int32Array ints:
                ints.Values.CopyTo(codes);
                break;
            case Int16Array shorts:
                for (var i = 0; i < codes.Length; i++)
                {
                    codes[i] = shorts.Values[i];
                }
                break;
            case Int8Array bytes:
                for (var i = 0; i < codes.Length; i++)
                {
                    codes[i] = bytes.Values[i];
                }
                break;
            case Int64Array longs:
                for (var i = 0; i < codes.Length; i++)
                {
                    codes[i] = checked((int)longs.Values[i]);
                }
                break;
            default:
                throw new NotSupportedException($"Dictionary codes of type {indices.Data.DataType.Name} are not read; Parquet readers give int32 codes.");
        }
        var nulls = indices.NullCount;
        return DictionaryStringArray.Create(codes, nulls > 0 ? Validity(indices) : ArrowBuffer.Empty, nulls, dictionary);
    }

    /// <summary>The columns one after another, over one dictionary of their values (each value once).</summary>
    public static DictionaryStringArray Concatenate(IReadOnlyList<DictionaryStringArray> parts)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new StringArray.Builder();
        var rows = parts.Sum(p => p.Length);
        var codes = GC.AllocateUninitializedArray<int>(rows);
        var validity = new byte[(rows + 7) / 8];
        var nulls = 0;
        var at = 0;
        foreach (var part in parts)
        {
            var map = new int[part.Dictionary.Length];
            for (var i = 0; i < map.Length; i++)
            {
                var value = part.Dictionary.GetString(i) ?? string.Empty;
                if (!positions.TryGetValue(value, out map[i]))
                {
                    map[i] = positions[value] = positions.Count;
                    values.Append(value);
                }
            }
            var partCodes = part.Codes;
            for (var r = 0; r < part.Length; r++, at++)
            {
                if (part.IsNull(r))
                {
                    nulls++;
                    codes[at] = 0;
                    continue;
                }
                codes[at] = map[partCodes[r]];
                validity[at >> 3] |= (byte)(1 << (at & 7));
            }
        }
        return DictionaryStringArray.Create(codes, nulls > 0 ? new ArrowBuffer(validity) : ArrowBuffer.Empty, nulls, values.Build());
    }

    private static StringArray Copy(StringArray strings)
    {
        var builder = new StringArray.Builder();
        for (var i = 0; i < strings.Length; i++)
        {
            // Parquet dictionaries hold no nulls; a null entry would only ever be indexed by null rows.
            builder.Append(strings.IsNull(i) ? string.Empty : strings.GetString(i));
        }
        return builder.Build();
    }

    private static ArrowBuffer Validity(IArrowArray indices)
    {
        var bits = new byte[(indices.Length + 7) / 8];
        for (var r = 0; r < indices.Length; r++)
        {
            if (indices.IsValid(r))
            {
                bits[r >> 3] |= (byte)(1 << (r & 7));
            }
        }
        return new ArrowBuffer(bits);
    }
}
