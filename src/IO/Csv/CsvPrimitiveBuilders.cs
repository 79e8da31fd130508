using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.IO.Csv;

/// <summary>A builder whose values are fixed-width <typeparamref name="T"/>, written into a byte array Arrow wraps.</summary>
internal abstract class CsvFixedBuilder<T>(int rows) : CsvColumnBuilder where T : unmanaged
{
    private byte[] _bytes = GC.AllocateUninitializedArray<byte>(Math.Max(16, rows) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    protected override int Capacity => _bytes.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    // Capacity is checked here, so the write goes through a plain reference: a span slice per value
    // (with its own bounds check) was the costliest line of parsing an integer column.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    protected void Add(T value)
    {
        var count = Count;
        if ((uint)count >= (uint)(_bytes.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()))
        {
            System.Array.Resize(ref _bytes, Math.Max(16, _bytes.Length) * 2);
        }
        System.Runtime.CompilerServices.Unsafe.Add(
            ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(_bytes)), count) = value;
        MarkValid();
        Count = count + 1;
    }

    protected override void AppendDefault()
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if ((Count + 1) * size > _bytes.Length)
        {
            System.Array.Resize(ref _bytes, _bytes.Length * 2);
        }
        MemoryMarshal.Write(_bytes.AsSpan(Count * size), default(T));
        Count++;
    }

    protected override void TruncateValues(int count)
    {
    }

    protected ArrowBuffer Values => new(_bytes.AsMemory(0, Count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));
}

internal sealed class CsvInt64Builder(int rows) : CsvFixedBuilder<long>(rows)
{
    public override IArrowType Type => Int64Type.Default;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        if (!CsvNumbers.TryParseInt64(field, out var value))
        {
            return false;
        }
        Add(value);
        return true;
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) =>
        new Int64Array(Values, validity, Count, nullCount, 0);
}

internal sealed class CsvInt32Builder(int rows) : CsvFixedBuilder<int>(rows)
{
    public override IArrowType Type => Int32Type.Default;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        if (!CsvNumbers.TryParseInt64(field, out var value) || value is < int.MinValue or > int.MaxValue)
        {
            return false;
        }
        Add((int)value);
        return true;
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) =>
        new Int32Array(Values, validity, Count, nullCount, 0);
}

internal sealed class CsvDoubleBuilder(int rows) : CsvFixedBuilder<double>(rows)
{
    public override IArrowType Type => DoubleType.Default;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        if (!CsvNumbers.TryParseDouble(field, out var value))
        {
            return false;
        }
        Add(value);
        return true;
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) =>
        new DoubleArray(Values, validity, Count, nullCount, 0);
}

internal sealed class CsvFloatBuilder(int rows) : CsvFixedBuilder<float>(rows)
{
    public override IArrowType Type => FloatType.Default;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        // Parsed as float directly: through double, some decimals would round twice.
        if (!float.TryParse(field, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        Add(value);
        return true;
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) =>
        new FloatArray(Values, validity, Count, nullCount, 0);
}

internal sealed class CsvTimestampBuilder(TimestampType type, int rows) : CsvFixedBuilder<long>(rows)
{
    public override IArrowType Type => type;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        if (!CsvDates.TryParse(field, out var ticks))
        {
            return false;
        }
        var sinceEpoch = ticks - DateTime.UnixEpoch.Ticks;
        Add(type.Unit switch
        {
            TimeUnit.Nanosecond => sinceEpoch * 100,
            TimeUnit.Microsecond => sinceEpoch / 10,
            TimeUnit.Millisecond => sinceEpoch / TimeSpan.TicksPerMillisecond,
            _ => sinceEpoch / TimeSpan.TicksPerSecond,
        });
        return true;
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) =>
        new TimestampArray(type, Values, validity, Count, nullCount, 0);
}

internal sealed class CsvDate32Builder(int rows) : CsvFixedBuilder<int>(rows)
{
    public override IArrowType Type => Date32Type.Default;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        if (!CsvDates.TryParse(field, out var ticks))
        {
            return false;
        }
        Add((int)Math.Floor((ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerDay));
        return true;
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) =>
        new Date32Array(Values, validity, Count, nullCount, 0);
}

internal sealed class CsvBooleanBuilder(int rows) : CsvColumnBuilder
{
    private byte[] _bits = new byte[Math.Max(8, (rows + 7) / 8)];

    public override IArrowType Type => BooleanType.Default;

    protected override int Capacity => _bits.Length * 8;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        bool value;
        if (field.SequenceEqual("True"u8) || field.SequenceEqual("true"u8) || field.SequenceEqual("TRUE"u8))
        {
            value = true;
        }
        else if (field.SequenceEqual("False"u8) || field.SequenceEqual("false"u8) || field.SequenceEqual("FALSE"u8))
        {
            value = false;
        }
        else
        {
            return false;
        }
        Grow();
        SetBit(value);
        MarkValid();
        Count++;
        return true;
    }

    protected override void AppendDefault()
    {
        Grow();
        SetBit(false);
        Count++;
    }

    protected override void TruncateValues(int count)
    {
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) =>
        new BooleanArray(new ArrowBuffer(_bits.AsMemory(0, (Count + 7) / 8)), validity, Count, nullCount, 0);

    private void Grow()
    {
        if ((Count >> 3) >= _bits.Length)
        {
            System.Array.Resize(ref _bits, _bits.Length * 2);
        }
    }

    private void SetBit(bool value)
    {
        if (value)
        {
            _bits[Count >> 3] |= (byte)(1 << (Count & 7));
        }
        else
        {
            _bits[Count >> 3] &= (byte)~(1 << (Count & 7));
        }
    }
}

/// <summary>
/// A string column: as dictionary codes while its values repeat (<see cref="CsvStringCodes"/>), as
/// plain Arrow offsets and bytes from the row where they stop repeating enough.
/// </summary>
internal sealed class CsvStringBuilder : CsvColumnBuilder
{
    private readonly int _rows;
    private CsvStringCodes? _coded;
    // The offsets are kept as the bytes Arrow's offset buffer wraps (no copy when built), read and
    // written as ints through CsvStringBuilder.Offset. Allocated when the column turns plain.
    private byte[] _offsets = [];
    private byte[] _data = [];

    public CsvStringBuilder(int rows, bool coded = true)
    {
        _rows = rows;
        if (coded)
        {
            _coded = new CsvStringCodes(rows);
        }
        else
        {
            AllocatePlain(0);
        }
    }

    public override IArrowType Type => StringType.Default;

    /// <summary>Whether the column is still held as codes (tests check which form a block took).</summary>
    internal bool IsCoded => _coded is not null;

    protected override int Capacity => _coded is not null ? _rows : (_offsets.Length / sizeof(int)) - 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Append(ReadOnlySpan<byte> field)
    {
        if (_coded is { } coded)
        {
            if (coded.TryAdd(field, Count))
            {
                MarkValid();
                Count++;
                return true;
            }
            TurnPlain(field.Length);
        }
        var start = Offset(Count);
        var end = start + field.Length;
        if (end > _data.Length)
        {
            System.Array.Resize(ref _data, Math.Max(end, _data.Length * 2));
        }
        CopyShort(field, _data.AsSpan(start, field.Length));
        Next(end);
        MarkValid();
        Count++;
        return true;
    }

    /// <summary>Appends a quoted field's content with each doubled quote written once.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AppendUnescaped(ReadOnlySpan<byte> quotedContent)
    {
        if (_coded is not null)
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, quotedContent.Length));
            var length = CsvQuotes.Unescape(quotedContent, buffer);
            Append(buffer.AsSpan(0, length));
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            return;
        }
        var start = Offset(Count);
        if (start + quotedContent.Length > _data.Length)
        {
            System.Array.Resize(ref _data, Math.Max(start + quotedContent.Length, _data.Length * 2));
        }
        var written = CsvQuotes.Unescape(quotedContent, _data.AsSpan(start));
        Next(start + written);
        MarkValid();
        Count++;
    }

    protected override void AppendDefault()
    {
        if (_coded is { } coded)
        {
            coded.SetNull(Count);
        }
        else
        {
            Next(Offset(Count));
        }
        Count++;
    }

    protected override void TruncateValues(int count)
    {
    }

    protected override IArrowArray BuildValues(ArrowBuffer validity, int nullCount) => _coded is { } coded
        ? Parquet.DictionaryStringArray.Create(coded.Codes(Count), validity, nullCount, coded.Dictionary())
        : new StringArray(Count, new ArrowBuffer(_offsets.AsMemory(0, (Count + 1) * sizeof(int))),
            new ArrowBuffer(_data.AsMemory(0, Offset(Count))), validity, nullCount, 0);

    // The values stopped repeating: the rows so far are written out from their codes, and every
    // later row is copied as it comes. Null rows (any code) get an empty value, as AppendDefault gives.
    private void TurnPlain(int nextLength)
    {
        var coded = _coded!;
        _coded = null;
        long bytes = 0;
        for (var r = 0; r < Count; r++)
        {
            bytes += coded.Value(coded.CodeAt(r)).Length;
        }
        AllocatePlain(bytes + nextLength);
        var at = 0;
        for (var r = 0; r < Count; r++)
        {
            var value = IsValidRow(r) ? coded.Value(coded.CodeAt(r)) : default;
            value.CopyTo(_data.AsSpan(at));
            at += value.Length;
            System.Runtime.CompilerServices.Unsafe.Add(
                ref System.Runtime.CompilerServices.Unsafe.As<byte, int>(ref MemoryMarshal.GetArrayDataReference(_offsets)), r + 1) = at;
        }
    }

    private void AllocatePlain(long bytes)
    {
        _offsets = new byte[Math.Max(16, Math.Max(_rows, Count) + 1) * sizeof(int)];
        _data = GC.AllocateUninitializedArray<byte>((int)Math.Min(System.Array.MaxLength, Math.Max(64, Math.Max(bytes, (long)_rows * 8))));
    }

    // Most text fields are a few bytes: two overlapping word copies beat a general copy call.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void CopyShort(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        var n = source.Length;
        if (n >= 8 && n <= 16)
        {
            System.Runtime.CompilerServices.Unsafe.WriteUnaligned(ref to, System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref from));
            System.Runtime.CompilerServices.Unsafe.WriteUnaligned(ref System.Runtime.CompilerServices.Unsafe.Add(ref to, n - 8),
                System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref from, n - 8)));
        }
        else if (n >= 4 && n < 8)
        {
            System.Runtime.CompilerServices.Unsafe.WriteUnaligned(ref to, System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(ref from));
            System.Runtime.CompilerServices.Unsafe.WriteUnaligned(ref System.Runtime.CompilerServices.Unsafe.Add(ref to, n - 4),
                System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(ref System.Runtime.CompilerServices.Unsafe.Add(ref from, n - 4)));
        }
        else
        {
            source.CopyTo(destination);
        }
    }

    private int Offset(int index) => MemoryMarshal.Read<int>(_offsets.AsSpan(index * sizeof(int)));

    private void Next(int end)
    {
        if ((Count + 2) * sizeof(int) > _offsets.Length)
        {
            System.Array.Resize(ref _offsets, _offsets.Length * 2);
        }
        System.Runtime.CompilerServices.Unsafe.Add(
            ref System.Runtime.CompilerServices.Unsafe.As<byte, int>(ref MemoryMarshal.GetArrayDataReference(_offsets)), Count + 1) = end;
    }
}
