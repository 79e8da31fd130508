using System.Text;
using Apache.Arrow;

namespace Tessera.DataFrames.Expressions;

/// <summary>
/// Comparisons of string columns, on the host, over the UTF-8 bytes Arrow stores (ordinal byte
/// order is code point order, as Python compares str). A null compares unequal to everything, as
/// pandas' None does: == and ordering give false, != gives true.
/// </summary>
internal static class StringComparisons
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool[] Compare(IArrowArray left, IArrowArray right, BinaryColumnOp op)
    {
        var a = (StringArray)left;
        var b = (StringArray)right;
        var result = new bool[a.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var valid = (a.NullCount == 0 || a.IsValid(i)) && (b.NullCount == 0 || b.IsValid(i));
            result[i] = valid ? Holds(op, a.GetBytes(i).SequenceCompareTo(b.GetBytes(i))) : op == BinaryColumnOp.NotEqual;
        }
        return result;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool[] Compare(IArrowArray left, string right, BinaryColumnOp op)
    {
        var a = (StringArray)left;
        var value = Encoding.UTF8.GetBytes(right);
        if (a is Tessera.IO.Parquet.DictionaryStringArray coded)
        {
            return CompareCodes(coded, value, op);
        }
        var result = new bool[a.Length];
        var offsets = a.ValueOffsets;
        var data = a.ValueBuffer.Span;
        var nulls = a.NullCount > 0;
        if (op is BinaryColumnOp.Equal or BinaryColumnOp.NotEqual)
        {
            // The hot filter (names == "Alice"): a length check first, then the bytes.
            var equal = op == BinaryColumnOp.Equal;
            for (var i = 0; i < result.Length; i++)
            {
                var start = offsets[i];
                var length = offsets[i + 1] - start;
                var same = length == value.Length && data.Slice(start, length).SequenceEqual(value) && (!nulls || a.IsValid(i));
                result[i] = same == equal;
            }
            return result;
        }
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (!nulls || a.IsValid(i)) && Holds(op, data.Slice(offsets[i], offsets[i + 1] - offsets[i]).SequenceCompareTo(value));
        }
        return result;
    }

    // A dictionary-coded column (CSV and Parquet strings that repeat): each distinct value is
    // compared once, and each row reads its code's answer, so the strings are never written out.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool[] CompareCodes(Tessera.IO.Parquet.DictionaryStringArray column, byte[] value, BinaryColumnOp op)
    {
        var dictionary = column.Dictionary;
        var answers = new bool[dictionary.Length];
        for (var d = 0; d < answers.Length; d++)
        {
            answers[d] = dictionary.IsValid(d) ? Holds(op, dictionary.GetBytes(d).SequenceCompareTo(value)) : op == BinaryColumnOp.NotEqual;
        }
        var codes = column.Codes;
        var result = new bool[column.Length];
        if (column.NullCount == 0)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = answers[codes[i]];
            }
            return result;
        }
        // A null row's code may be any number: pandas' None is unequal to everything.
        var onNull = op == BinaryColumnOp.NotEqual;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = column.IsNull(i) ? onNull : answers[codes[i]];
        }
        return result;
    }

    /// <summary>The comparison with the operands swapped (for "Alice" == column).</summary>
    public static BinaryColumnOp Swap(BinaryColumnOp op) => op switch
    {
        BinaryColumnOp.Less => BinaryColumnOp.Greater,
        BinaryColumnOp.LessEqual => BinaryColumnOp.GreaterEqual,
        BinaryColumnOp.Greater => BinaryColumnOp.Less,
        BinaryColumnOp.GreaterEqual => BinaryColumnOp.LessEqual,
        _ => op,
    };

    private static bool Holds(BinaryColumnOp op, int order) => op switch
    {
        BinaryColumnOp.Equal => order == 0,
        BinaryColumnOp.NotEqual => order != 0,
        BinaryColumnOp.Less => order < 0,
        BinaryColumnOp.LessEqual => order <= 0,
        BinaryColumnOp.Greater => order > 0,
        _ => order >= 0,
    };
}
