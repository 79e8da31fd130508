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
    /// <paramref name="array"/> (Arrow C++'s memory) as a <see cref="DictionaryStringArray"/>: the
    /// dictionary is copied to managed memory; int32 codes stay in Arrow C++'s buffer, which the
    /// column keeps alive (other widths are copied).
    /// </summary>
    public static DictionaryStringArray ToManaged(DictionaryArray array)
    {
        var dictionary = Copy((StringArray)array.Dictionary);
        var lengths = DictionaryStringArray.ValueLengths(dictionary);
        var indices = array.Indices;
        var nulls = indices.NullCount;
        var validity = nulls > 0 ? Validity(indices) : null;
        ReadOnlyMemory<int> codes;
        long total;
        if (indices is Int32Array ints)
        {
            codes = new ImportedCodes(ints).Memory;
            total = Checked(ints.Values, lengths, validity);
        }
        else
        {
            var widened = GC.AllocateUninitializedArray<int>(indices.Length);
            total = indices switch
            {
                Int16Array shorts => Widen(shorts.Values, widened, lengths, validity),
                Int8Array bytes => Widen(bytes.Values, widened, lengths, validity),
                Int64Array longs => Widen(longs.Values, widened, lengths, validity),
                _ => throw new NotSupportedException($"Dictionary codes of type {indices.Data.DataType.Name} are not read; Parquet readers give int32 codes."),
            };
            codes = widened;
        }
        return DictionaryStringArray.CreateChecked(codes, validity is null ? ArrowBuffer.Empty : new ArrowBuffer(validity), nulls, dictionary, total);
    }

    // Checks each valid row's code against the dictionary and sums its string's bytes (the
    // column needs that total up front), in one pass over codes left where Arrow C++ decoded them.
    private static long Checked(ReadOnlySpan<int> codes, int[] lengths, byte[]? validity)
    {
        long total = 0;
        for (var r = 0; r < codes.Length; r++)
        {
            if (validity is not null && (validity[r >> 3] & (1 << (r & 7))) == 0)
            {
                continue;
            }
            var code = codes[r];
            if ((uint)code >= (uint)lengths.Length)
            {
                throw DictionaryStringArray.CodeOutside(r, code, lengths.Length);
            }
            total += lengths[code];
        }
        return total;
    }

    // Narrower or wider codes (other Arrow producers) become managed int32s, checked and summed as
    // above in the same pass; null rows' codes are undefined in Arrow and become 0.
    private static long Widen<T>(ReadOnlySpan<T> source, int[] codes, int[] lengths, byte[]? validity)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        long total = 0;
        var target = codes.AsSpan(0, source.Length);
        for (var r = 0; r < target.Length; r++)
        {
            if (validity is not null && (validity[r >> 3] & (1 << (r & 7))) == 0)
            {
                target[r] = 0;
                continue;
            }
            var code = long.CreateTruncating(source[r]);
            if ((ulong)code >= (ulong)lengths.Length)
            {
                throw DictionaryStringArray.CodeOutside(r, code, lengths.Length);
            }
            target[r] = (int)code;
            total += lengths[(int)code];
        }
        return total;
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

    private static byte[] Validity(IArrowArray indices)
    {
        var offset = indices.Data.Offset;
        if (offset % 8 == 0)
        {
            // Byte-aligned (always, for Arrow C++'s reads): the bitmap's bytes as they are.
            return indices.Data.Buffers[0].Span.Slice(offset / 8, (indices.Length + 7) / 8).ToArray();
        }
        var bits = new byte[(indices.Length + 7) / 8];
        for (var r = 0; r < indices.Length; r++)
        {
            if (indices.IsValid(r))
            {
                bits[r >> 3] |= (byte)(1 << (r & 7));
            }
        }
        return bits;
    }
}
