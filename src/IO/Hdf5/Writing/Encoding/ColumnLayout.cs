using System.Runtime.InteropServices;
using System.Text;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// The compound type for a set of columns and the packing of their rows into records: members
/// in column order, packed with no padding (NumPy's and h5py's default layout).
/// </summary>
internal sealed class ColumnLayout
{
    private readonly List<Member> _members = [];

    private sealed record Member(string Name, Array Values, int Offset, int Size, int ElementSize, int PerRow, bool IsString);

    public ColumnLayout(string path, IEnumerable<KeyValuePair<string, Array>> columns)
    {
        long? rows = null;
        int offset = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<(string, int, byte[])>();
        foreach (var (name, values) in columns)
        {
            if (string.IsNullOrEmpty(name) || !names.Add(name))
            {
                throw new ArgumentException($"Dataset '{path}': column names must be non-empty and unique; \"{name}\" is not.");
            }
            ArgumentNullException.ThrowIfNull(values, name);
            if (values.Rank > 2)
            {
                throw new ArgumentException($"Dataset '{path}': column \"{name}\" has rank {values.Rank}; pass T[] or T[rows, n].");
            }
            long count = values.GetLength(0);
            if (rows is { } r && r != count)
            {
                throw new ArgumentException($"Dataset '{path}': column \"{name}\" has {count} rows; the columns before it have {r}.");
            }
            rows = count;
            int perRow = values.Rank == 2 ? values.GetLength(1) : 1;
            var element = values.GetType().GetElementType()!;
            byte[] type;
            int elementSize;
            bool isString = element == typeof(string);
            if (isString)
            {
                // Fixed-length, NUL-padded, as NumPy's 'S' dtype: as wide as the longest value (at least 1 byte).
                var strings = values.Cast<string?>().ToArray();
                elementSize = Math.Max(1, strings.Max(s => s is null ? 0 : Encoding.UTF8.GetByteCount(s)));
                bool ascii = strings.All(s => s is null || Ascii.IsValid(s));
                type = DatatypeEncoding.FixedString(elementSize, utf8: !ascii, padding: 1);
            }
            else if (element == typeof(Half))
            {
                throw new ArgumentException($"Dataset '{path}': column \"{name}\" is Half; write it as float or double.");
            }
            else
            {
                try
                {
                    type = DatatypeEncoding.For(element);
                }
                catch (NotSupportedException)
                {
                    throw new ArgumentException(
                        $"Dataset '{path}': column \"{name}\" holds {element.Name}; columns can hold float, double, integers of 1 to 8 bytes or strings (T[] or T[rows, n]).");
                }
                elementSize = Marshal.SizeOf(element);
            }
            if (values.Rank == 2)
            {
                type = DatatypeEncoding.ArrayOf(type, elementSize, [perRow]);
            }
            int size = elementSize * perRow;
            _members.Add(new Member(name, values, offset, size, elementSize, perRow, isString));
            members.Add((name, offset, type));
            offset += size;
        }
        if (rows is null)
        {
            throw new ArgumentException($"Dataset '{path}': no columns were given.");
        }
        if (offset == 0)
        {
            throw new ArgumentException($"Dataset '{path}': the columns have no bytes per row (every array column has 0 columns).");
        }
        Rows = rows.Value;
        RecordSize = offset;
        Datatype = DatatypeEncoding.Compound(offset, members);
    }

    public long Rows { get; }

    public int RecordSize { get; }

    public byte[] Datatype { get; }

    /// <summary>Packs rows [first, first + count) into records.</summary>
    public void Pack(long first, int count, Span<byte> destination)
    {
        foreach (var m in _members)
        {
            if (m.IsString)
            {
                for (int r = 0; r < count; r++)
                {
                    for (int k = 0; k < m.PerRow; k++)
                    {
                        var value = (string?)(m.PerRow == 1 && m.Values.Rank == 1 ? m.Values.GetValue(first + r) : m.Values.GetValue(first + r, k));
                        var field = destination.Slice((r * RecordSize) + m.Offset + (k * m.ElementSize), m.ElementSize);
                        field.Clear();
                        Encoding.UTF8.GetBytes(value ?? "", field);
                    }
                }
                continue;
            }
            var all = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(m.Values), Buffer.ByteLength(m.Values));
            for (int r = 0; r < count; r++)
            {
                all.Slice((int)((first + r) * m.Size), m.Size).CopyTo(destination.Slice((r * RecordSize) + m.Offset, m.Size));
            }
        }
    }
}
