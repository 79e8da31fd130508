namespace Tessera.IO.Hdf5;

/// <summary>
/// Fills one column per compound member (nested compounds flattened to "outer.inner") from
/// batches of records, so a large table is decoded through a small record buffer instead of
/// holding every record beside its columns.
/// </summary>
internal sealed class ColumnReader
{
    private readonly Hdf5Context _ctx;
    private readonly DatatypeMessage _compound;
    private readonly long _rows;
    private readonly long _fileOffset;
    private readonly List<(string Name, DatatypeMessage Type, int Offset, Array Column)> _leaves = [];
    private readonly Dictionary<string, IReadOnlyDictionary<long, string>> _enums = new(StringComparer.Ordinal);

    public ColumnReader(Hdf5Context ctx, DatatypeMessage compound, long rows, long fileOffset)
    {
        _ctx = ctx;
        _compound = compound;
        _rows = rows;
        _fileOffset = fileOffset;
        Collect(compound, 0, "");
        if (_leaves.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new Hdf5FormatException("compound datatype", fileOffset, $"member \"{twice.Key}\" appears {twice.Count()} times; names must be unique.");
        }
    }

    /// <summary>Decodes <paramref name="rows"/> records (each the compound's size) into rows from <paramref name="firstRow"/> on.</summary>
    public void Fill(byte[] records, int rows, int firstRow)
    {
        foreach (var (_, type, offset, column) in _leaves)
        {
            ColumnDecoder.Fill(_ctx, type, records, rows, _compound.Size, offset, _fileOffset, column, firstRow);
        }
    }

    public Hdf5Columns Result() => new([.. _leaves.Select(l => new KeyValuePair<string, Array>(l.Name, l.Column))], _rows, _enums);

    private void Collect(DatatypeMessage compound, int baseOffset, string prefix)
    {
        foreach (var m in compound.Members)
        {
            var name = prefix + m.Name;
            if (m.Offset < 0 || m.Offset + m.Type.Size > compound.Size)
            {
                throw new Hdf5FormatException("compound datatype", _fileOffset,
                    $"member \"{name}\" ({m.Type.Size} bytes at offset {m.Offset}) lies outside the {compound.Size}-byte record.");
            }
            int offset = baseOffset + (int)m.Offset;
            if (m.Type.Class == Hdf5TypeClass.Compound)
            {
                Collect(m.Type, offset, name + ".");
                continue;
            }
            if (m.Type.Class == Hdf5TypeClass.Enumerated)
            {
                _enums[name] = m.Type.EnumMembers.GroupBy(e => e.Value).ToDictionary(g => g.Key, g => g.First().Name);
            }
            _leaves.Add((name, m.Type, offset, ColumnDecoder.Allocate(_ctx, m.Type, _rows, _fileOffset)));
        }
    }
}
