namespace Tessera.IO.Hdf5;

/// <summary>Reading compound (record) and string datasets.</summary>
public sealed partial class Hdf5Dataset
{
    /// <summary>
    /// Reads a compound dataset as one array per member (see <see cref="Hdf5Columns"/> for the
    /// array type of each member class), rows in row-major element order.
    /// </summary>
    public Hdf5Columns ReadColumns() => ReadColumns(Hyperslab.All(_shape));

    /// <summary>Reads a selection of a compound dataset as one array per member.</summary>
    /// <param name="selection">Start, count and step per axis.</param>
    public Hdf5Columns ReadColumns(Hyperslab selection)
    {
        if (_type.Class != Hdf5TypeClass.Compound)
        {
            throw WrongCall("ReadColumns()");
        }
        ArgumentNullException.ThrowIfNull(selection);
        selection.CheckWithin(_shape);
        long rows = selection.Count.Count == 0 ? 1 : ChunkGrid.Product(selection.Count.ToArray());
        var reader = new ColumnReader(_ctx, _type, rows, _headerOffset);
        if (selection.Count.Count == 0 || rows == 0)
        {
            var (records, count) = ReadRecordBytes(selection);
            reader.Fill(records, (int)count, 0);
            return reader.Result();
        }
        // Records are read and decoded a band of the first axis at a time (about 4 MiB), so the
        // read holds its columns plus one band of records, not every record beside its columns.
        long perIndex = rows / selection.Count[0];
        long band = Math.Max(1, (4L << 20) / Math.Max(1, perIndex * _type.Size));
        var start = selection.Start.ToArray();
        var counts = selection.Count.ToArray();
        var steps = selection.Step.ToArray();
        for (long first = 0; first < selection.Count[0]; first += band)
        {
            long n = Math.Min(band, selection.Count[0] - first);
            var bandStart = (long[])start.Clone();
            var bandCount = (long[])counts.Clone();
            bandStart[0] = start[0] + first * steps[0];
            bandCount[0] = n;
            var (records, count) = ReadRecordBytes(new Hyperslab(bandStart, bandCount, steps));
            reader.Fill(records, (int)count, (int)(first * perIndex));
        }
        return reader.Result();
    }

    /// <summary>Reads a fixed- or variable-length string dataset (ASCII or UTF-8, any padding), row-major.</summary>
    public string[] ReadStrings() => ReadStrings(Hyperslab.All(_shape));

    /// <summary>Reads a selection of a fixed- or variable-length string dataset, row-major.</summary>
    /// <param name="selection">Start, count and step per axis.</param>
    public string[] ReadStrings(Hyperslab selection)
    {
        if (_type.Class != Hdf5TypeClass.String && !(_type.Class == Hdf5TypeClass.VariableLength && _type.IsVariableLengthString))
        {
            throw WrongCall("ReadStrings()");
        }
        var (bytes, count) = ReadRecordBytes(selection);
        return (string[])ColumnDecoder.Column(_ctx, _type, bytes, (int)count, _type.Size, 0, _headerOffset);
    }

    /// <summary>The selection's stored elements as bytes, in file byte order.</summary>
    private (byte[] Bytes, long Count) ReadRecordBytes(Hyperslab selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        selection.CheckWithin(_shape);
        long count = ChunkGrid.Product(selection.Count.ToArray());
        if (count > Array.MaxLength / _type.Size)
        {
            throw new InvalidOperationException(
                $"The selection holds {count} elements of {_type.Size} bytes, more than one array can hold. Read it in hyperslabs.");
        }
        var bytes = GC.AllocateUninitializedArray<byte>((int)(count * _type.Size));
        HyperslabReader.Read(_source, _type.Size, selection, new ArraySegment<byte>(bytes), _shape);
        return (bytes, selection.Count.Count == 0 ? 1 : count);
    }

    /// <summary>Bytes of decoded chunks the file's chunk cache holds (tests check which reads fill it).</summary>
    internal long CachedChunkBytes => _ctx.ChunkCache.SizeBytes;

    private InvalidOperationException WrongCall(string call) => new(
        $"{call} cannot read dataset \"{Path}\": it stores {NumpyDtype.Describe(_type)} (as h5py describes it). " +
        $"Read it with {NumpyDtype.Readers(_type)}.");

    /// <summary>The message for a Read&lt;T&gt; whose T does not match: the stored type in h5py's terms and the calls that read it.</summary>
    private InvalidOperationException NoMatchingType(Type requested, string needs) => new(
        $"Dataset \"{Path}\" stores {ElementType} ({NumpyDtype.Describe(_type)} as h5py describes it); Read<{requested.Name}> {needs}. " +
        $"Read it with {NumpyDtype.Readers(_type)} instead.");
}
