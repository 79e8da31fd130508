using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.IO.Parquet;

/// <summary>
/// A UTF-8 string column read from dictionary-encoded Parquet pages that keeps the codes it was
/// read as: <see cref="Codes"/> index <see cref="Dictionary"/>. To everything else it is a plain
/// <see cref="StringArray"/>; its offsets and bytes are written out from the codes only when
/// something first reads them, so a group-by that works on the codes never pays for a string per row.
/// </summary>
public sealed class DictionaryStringArray : StringArray
{
    private readonly ReadOnlyMemory<int> _codes;
    private readonly DeferredStrings _dense;

    private DictionaryStringArray(ArrayData data, ReadOnlyMemory<int> codes, StringArray dictionary, DeferredStrings dense)
        : base(data)
    {
        _codes = codes;
        _dense = dense;
        Dictionary = dictionary;
    }

    /// <summary>Each row's position in <see cref="Dictionary"/> (any value on a null row).</summary>
    public ReadOnlySpan<int> Codes => _codes.Span;

    /// <summary>The distinct values, in managed memory.</summary>
    public StringArray Dictionary { get; }

    /// <summary>Whether something has read the strings, so they were written out (tests check a group-by does not).</summary>
    internal bool IsWritten => _dense.IsWritten;

    /// <summary>
    /// A column of <paramref name="codes"/>.Length rows over <paramref name="dictionary"/>;
    /// <paramref name="validity"/> is an Arrow validity bitmap (empty when <paramref name="nullCount"/> is 0).
    /// </summary>
    /// <exception cref="ArgumentException">A code of a valid row is outside the dictionary.</exception>
    public static DictionaryStringArray Create(int[] codes, ArrowBuffer validity, int nullCount, StringArray dictionary)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(dictionary);
        var lengths = ValueLengths(dictionary);
        var bitmap = validity.Span;
        long total = 0;
        for (var r = 0; r < codes.Length; r++)
        {
            if (nullCount > 0 && (bitmap[r >> 3] & (1 << (r & 7))) == 0)
            {
                continue;
            }
            var code = codes[r];
            if ((uint)code >= (uint)lengths.Length)
            {
                throw CodeOutside(r, code, lengths.Length);
            }
            total += lengths[code];
        }
        return CreateChecked(codes, validity, nullCount, dictionary, total);
    }

    /// <summary>The byte length of each dictionary value (0 for a null entry).</summary>
    internal static int[] ValueLengths(StringArray dictionary)
    {
        var lengths = new int[dictionary.Length];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = dictionary.GetValueLength(i);
        }
        return lengths;
    }

    internal static ArgumentException CodeOutside(int row, long code, int dictionaryLength) =>
        new($"Row {row} has dictionary code {code} but the dictionary has {dictionaryLength} values; a dictionary-encoded column's codes must index its dictionary.", "codes");

    /// <summary>
    /// <see cref="Create"/> for codes a decoder has already checked against the dictionary while
    /// summing <paramref name="totalBytes"/>, the bytes their strings take (one pass over the rows, not two).
    /// </summary>
    internal static DictionaryStringArray CreateChecked(ReadOnlyMemory<int> codes, ArrowBuffer validity, int nullCount, StringArray dictionary, long totalBytes)
    {
        if (totalBytes > int.MaxValue)
        {
            throw new ArgumentException($"The column's strings would take {totalBytes} bytes, over the 2 GiB an Arrow string column holds. Read fewer row groups per partition (ParquetReadOptions.SplitRowGroups).", nameof(codes));
        }
        var dense = new DeferredStrings(codes, validity.Span.ToArray(), nullCount, dictionary, (int)totalBytes);
        var data = new ArrayData(StringType.Default, codes.Length, nullCount, 0,
            [nullCount > 0 ? validity : ArrowBuffer.Empty, new ArrowBuffer(dense.Offsets.Unwritten), new ArrowBuffer(dense.Values.Unwritten)]);
        return new DictionaryStringArray(data, codes, dictionary, dense);
    }
}
