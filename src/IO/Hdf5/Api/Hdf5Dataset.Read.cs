using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Tessera.IO.Hdf5;

/// <summary>Reading elements into tensors.</summary>
public sealed partial class Hdf5Dataset
{
    /// <summary>Reads the whole dataset (a scalar dataset reads as a tensor of shape [1]).</summary>
    /// <typeparam name="T">The element type; it must match the stored type exactly (e.g. short for int16).</typeparam>
    public Tensor<T> Read<T>() where T : unmanaged => Read<T>(Hyperslab.All(_shape));

    /// <summary>Reads a regular selection; the result's shape is the selection's counts.</summary>
    /// <typeparam name="T">The element type; it must match the stored type exactly (e.g. short for int16).</typeparam>
    /// <param name="selection">Start, count and step per axis.</param>
    public Tensor<T> Read<T>(Hyperslab selection) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(selection);
        CheckElementType<T>();
        selection.CheckWithin(_shape);
        long total = ChunkGrid.Product(selection.Count.ToArray());
        if (total > Array.MaxLength / _type.Size)
        {
            throw new InvalidOperationException(
                $"The selection holds {total} elements ({total * _type.Size} bytes), more than one array can hold. Read it in hyperslabs.");
        }
        // Every element is written by exactly one block copy, so the output need not be zeroed first.
        var values = GC.AllocateUninitializedArray<T>((int)total);
        ReadInto(selection, values);
        // Tensor<T> has no rank-0 form (its flattened length would be 0), so a scalar reads as shape [1].
        var lengths = selection.Count.Count == 0 ? [1] : selection.Count.Select(c => (nint)c).ToArray();
        return Tensor.Create(values, lengths);
    }

    /// <summary>
    /// Reads a regular selection into <paramref name="destination"/> (row-major, exactly the
    /// selection's element count) without allocating: for callers that own the block's memory,
    /// such as arrays reading one block per task.
    /// </summary>
    /// <typeparam name="T">The element type; it must match the stored type exactly (e.g. short for int16).</typeparam>
    public void ReadInto<T>(Hyperslab selection, T[] destination) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(destination);
        ReadInto(selection, new ArraySegment<T>(destination));
    }

    /// <summary>
    /// Reads a regular selection into memory the caller owns (row-major, exactly the selection's
    /// element count). Array-backed memory is read in place; other memory (native, pinned,
    /// memory-mapped) through one pooled buffer and a copy.
    /// </summary>
    /// <typeparam name="T">The element type; it must match the stored type exactly (e.g. short for int16).</typeparam>
    public void ReadInto<T>(Hyperslab selection, Memory<T> destination) where T : unmanaged
    {
        if (MemoryMarshal.TryGetArray<T>(destination, out var segment))
        {
            ReadInto(selection, segment);
            return;
        }
        ReadInto(selection, destination.Span);
    }

    /// <summary>
    /// Reads a regular selection into a span (row-major, exactly the selection's element count),
    /// for example stack or native memory; the values pass through one pooled buffer.
    /// </summary>
    /// <typeparam name="T">The element type; it must match the stored type exactly (e.g. short for int16).</typeparam>
    public void ReadInto<T>(Hyperslab selection, Span<T> destination) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(selection);
        var total = ChunkGrid.Product(selection.Count.ToArray());
        if (destination.Length != total)
        {
            throw new ArgumentException(
                $"The selection holds {total} elements but the destination {destination.Length}; pass a span of exactly the selection's count.",
                nameof(destination));
        }
        var rented = System.Buffers.ArrayPool<T>.Shared.Rent((int)total);
        try
        {
            ReadInto(selection, new ArraySegment<T>(rented, 0, (int)total));
            rented.AsSpan(0, (int)total).CopyTo(destination);
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads a regular selection into a segment of an array (row-major, exactly the selection's
    /// element count): for callers that reuse one larger buffer for selections of several sizes.
    /// </summary>
    /// <typeparam name="T">The element type; it must match the stored type exactly (e.g. short for int16).</typeparam>
    public void ReadInto<T>(Hyperslab selection, ArraySegment<T> destination) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (destination.Array is null)
        {
            throw new ArgumentException("The destination segment has no array; pass new ArraySegment<T>(array, offset, count).", nameof(destination));
        }
        CheckElementType<T>();
        selection.CheckWithin(_shape);
        var total = ChunkGrid.Product(selection.Count.ToArray());
        if (destination.Count != total)
        {
            throw new ArgumentException(
                $"The selection holds {total} elements but the destination {destination.Count}; allocate exactly the selection's count.",
                nameof(destination));
        }
        if (ReadsByConversion<T>())
        {
            ReadConverted(selection, destination);
            return;
        }
        HyperslabReader.Read(_source, _type.Size, selection, destination, _shape);
        if (ElementType.ByteOrder == Hdf5ByteOrder.BigEndian == BitConverter.IsLittleEndian)
        {
            SwapBytes(MemoryMarshal.AsBytes(destination.AsSpan()), _type.Size);
        }
        ExtractSignificantBits(MemoryMarshal.AsBytes(destination.AsSpan()));
    }

    private void CheckElementType<T>() where T : unmanaged
    {
        var t = typeof(T);
        if (ReadsByConversion<T>())
        {
            return;
        }
        if (_type.Class == Hdf5TypeClass.Compound && !t.IsPrimitive)
        {
            CompoundLayout.Check(t, _type, Path);
            return;
        }
        (Hdf5TypeClass Class, int Size, bool Signed)? expected = ExpectedStoredType(t);
        if (expected is null)
        {
            throw NoMatchingType(t, "supports sbyte, byte, short, ushort, int, uint, long, ulong, Int128, UInt128, Half, float or double (or a struct, for compound data)");
        }
        var e = expected.Value;
        var stored = ElementType;
        // Bitfields read as unsigned integers of their size and enums as their base integers, as h5py reads them.
        bool classMatches = stored.Class == e.Class
            || (stored.Class is Hdf5TypeClass.Enumerated or Hdf5TypeClass.BitField && e.Class == Hdf5TypeClass.FixedPoint);
        if (!classMatches || (stored.Class == Hdf5TypeClass.FloatingPoint && !StoredFloatIsIeee) || stored.Size != e.Size || (e.Class == Hdf5TypeClass.FixedPoint && stored.IsSigned != e.Signed))
        {
            // Numbers (integers, bitfields, enums, floats of any layout) name the CLR type that reads
            // them; compounds, strings and references name the calls that do.
            throw _type.Class is Hdf5TypeClass.Compound or Hdf5TypeClass.String or Hdf5TypeClass.VariableLength or Hdf5TypeClass.Reference
                ? NoMatchingType(t, $"needs {new Hdf5DataType(e.Class, e.Size, e.Signed, stored.ByteOrder)}")
                : new InvalidOperationException(
                    $"Dataset \"{Path}\" stores {stored}; Read<{t.Name}> needs {new Hdf5DataType(e.Class, e.Size, e.Signed, stored.ByteOrder)}. " +
                    ClrTypeAdvice(stored));
        }
    }

    private static void SwapBytes(Span<byte> bytes, int size)
    {
        switch (size)
        {
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
            case 16:
                var w = MemoryMarshal.Cast<byte, UInt128>(bytes);
                BinaryPrimitives.ReverseEndianness(w, w);
                break;
        }
    }
}
