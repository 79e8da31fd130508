using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.IO.Csv;

/// <summary>
/// What every block of a read shares: the file's columns, which of them are kept and as which Arrow
/// types, the separator and the null markers. Built once per read by <see cref="CsvSchemaInference"/>.
/// </summary>
public sealed class CsvLayout
{
    private readonly byte[][] _nullMarkers;
    // For each first byte, bit n set when a null marker of length n (63 for 63 and longer) starts with
    // it: nearly every field is then told apart from the markers by one table lookup, not a compare
    // with each marker (a negative number starts like "-NaN", a name like "None").
    private readonly ulong[] _nullLengthsByFirstByte = new ulong[256];

    internal CsvLayout(CsvReadOptions options, IReadOnlyList<string> fileColumns, IReadOnlyList<int> kept,
        IReadOnlyList<IArrowType> types, IReadOnlyList<string>? headerLine)
    {
        Options = options;
        FileColumns = fileColumns;
        KeptColumns = kept;
        Types = types;
        HeaderFields = headerLine;
        Target = new int[fileColumns.Count];
        System.Array.Fill(Target, -1);
        for (var k = 0; k < kept.Count; k++)
        {
            Target[kept[k]] = k;
        }
        _nullMarkers = [.. options.NullValues.Select(Encoding.UTF8.GetBytes)];
        foreach (var marker in _nullMarkers)
        {
            if (marker.Length > 0)
            {
                _nullLengthsByFirstByte[marker[0]] |= 1UL << Math.Min(marker.Length, 63);
            }
        }
        NullsEmpty = _nullMarkers.Any(m => m.Length == 0);
        Schema = new Schema([.. kept.Select((c, k) => new Field(fileColumns[c], types[k], nullable: true))], null);
    }

    /// <summary>
    /// The same read keeping only <paramref name="columns"/> of the kept ones, in the same order:
    /// the parser then skips converting the others (a query that reads only some columns).
    /// </summary>
    public CsvLayout Project(IReadOnlyCollection<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var positions = Enumerable.Range(0, KeptColumns.Count).Where(k => columns.Contains(FileColumns[KeptColumns[k]])).ToArray();
        return new CsvLayout(Options, FileColumns, [.. positions.Select(k => KeptColumns[k])], [.. positions.Select(k => Types[k])], HeaderFields);
    }

    /// <summary>The options of the read.</summary>
    public CsvReadOptions Options { get; }

    /// <summary>The names of every column in the files, in file order.</summary>
    public IReadOnlyList<string> FileColumns { get; }

    /// <summary>The file positions of the columns read, in output order.</summary>
    public IReadOnlyList<int> KeptColumns { get; }

    /// <summary>The Arrow types of the columns read.</summary>
    public IReadOnlyList<IArrowType> Types { get; }

    /// <summary>The Arrow schema of every block's record batch.</summary>
    public Schema Schema { get; }

    /// <summary>The header line's fields as the first file has them, or null without a header.</summary>
    internal IReadOnlyList<string>? HeaderFields { get; }

    /// <summary>For each file column, its output position, or -1 when it is not read.</summary>
    internal int[] Target { get; }

    internal bool NullsEmpty { get; }

    internal byte Separator => (byte)Options.Separator;

    /// <summary>True when <paramref name="field"/> is one of the null markers.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool IsNull(ReadOnlySpan<byte> field)
    {
        if (field.Length == 0)
        {
            return NullsEmpty;
        }
        return ((_nullLengthsByFirstByte[field[0]] >> Math.Min(field.Length, 63)) & 1) != 0 && IsMarker(field);
    }

    private bool IsMarker(ReadOnlySpan<byte> field)
    {
        foreach (var marker in _nullMarkers)
        {
            if (field.SequenceEqual(marker))
            {
                return true;
            }
        }
        return false;
    }
}
