using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.IO.Csv;

/// <summary>
/// Fills one Arrow column from field texts: values straight into the bytes the Arrow buffer will
/// wrap (no intermediate objects), a validity bitmap only once a null appears.
/// </summary>
internal abstract class CsvColumnBuilder
{
    private byte[]? _validity;
    private int _nulls;

    public int Count { get; protected set; }

    public abstract IArrowType Type { get; }

    /// <summary>Appends the field's value; false when the text is not a value of this type.</summary>
    public abstract bool Append(ReadOnlySpan<byte> field);

    public void AppendNull()
    {
        if (_validity is null)
        {
            _validity = new byte[Math.Max(64, (Capacity + 7) / 8)];
            SetValidRange(0, Count);
        }
        EnsureValidity(Count + 1);
        AppendDefault();
        _nulls++;
    }

    /// <summary>Drops the values after the first <paramref name="count"/> (a skipped row's fields).</summary>
    public void Truncate(int count)
    {
        if (_validity is not null)
        {
            for (var i = count; i < Count; i++)
            {
                if ((_validity[i >> 3] & (1 << (i & 7))) == 0)
                {
                    _nulls--;
                }
            }
        }
        TruncateValues(count);
        Count = count;
    }

    public IArrowArray Build()
    {
        ArrowBuffer validity = ArrowBuffer.Empty;
        if (_validity is not null && _nulls > 0)
        {
            // Bits past Count in the last byte are never read; clear them so equal columns compare equal bytewise.
            validity = new ArrowBuffer(_validity.AsMemory(0, (Count + 7) / 8));
        }
        return BuildValues(validity, _nulls);
    }

    protected abstract int Capacity { get; }

    /// <summary>False when row <paramref name="row"/> (below Count) is null.</summary>
    protected bool IsValidRow(int row) => _validity is null || (_validity[row >> 3] & (1 << (row & 7))) != 0;

    protected abstract void AppendDefault();

    protected abstract void TruncateValues(int count);

    protected abstract IArrowArray BuildValues(ArrowBuffer validity, int nullCount);

    /// <summary>Called by subclasses after a value is appended, before Count moves.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    protected void MarkValid()
    {
        if (_validity is not null)
        {
            EnsureValidity(Count + 1);
            _validity[Count >> 3] |= (byte)(1 << (Count & 7));
        }
    }

    private void EnsureValidity(int length)
    {
        var bytes = (length + 7) / 8;
        if (bytes > _validity!.Length)
        {
            System.Array.Resize(ref _validity, Math.Max(bytes, _validity.Length * 2));
        }
        // A null leaves its bit 0: the array may hold stale bits from a truncation.
        _validity[(length - 1) >> 3] &= (byte)~(1 << ((length - 1) & 7));
    }

    private void SetValidRange(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            _validity![i >> 3] |= (byte)(1 << (i & 7));
        }
    }

    /// <summary>A builder for <paramref name="type"/>, sized for about <paramref name="rows"/> rows.</summary>
    public static CsvColumnBuilder For(IArrowType type, int rows, bool codeStrings = true) => type switch
    {
        Int64Type => new CsvInt64Builder(rows),
        Int32Type => new CsvInt32Builder(rows),
        DoubleType => new CsvDoubleBuilder(rows),
        FloatType => new CsvFloatBuilder(rows),
        BooleanType => new CsvBooleanBuilder(rows),
        StringType => new CsvStringBuilder(rows, codeStrings),
        TimestampType t => new CsvTimestampBuilder(t, rows),
        Date32Type => new CsvDate32Builder(rows),
        _ => throw new NotSupportedException(
            $"CSV columns can be read as int32, int64, float, double, bool, string, date32 or timestamp; {type.Name} was asked for. " +
            "Read the column as a string and convert it."),
    };
}
