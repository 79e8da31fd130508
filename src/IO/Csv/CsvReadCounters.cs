namespace Tessera.IO.Csv;

/// <summary>
/// What CSV reads did, counted across blocks and threads: set <see cref="CsvReadOptions.Counters"/>
/// to learn which columns a query converted (a projected read converts fewer) and how many string
/// columns were kept as dictionary codes.
/// </summary>
public sealed class CsvReadCounters
{
    private long _blocks;
    private long _columns;
    private long _coded;

    /// <summary>Blocks parsed.</summary>
    public long BlocksParsed => Interlocked.Read(ref _blocks);

    /// <summary>Columns converted, summed over blocks (a block of a 3-column read projected to 2 adds 2).</summary>
    public long ColumnsConverted => Interlocked.Read(ref _columns);

    /// <summary>String columns a block kept as dictionary codes, summed over blocks.</summary>
    public long CodedStringColumns => Interlocked.Read(ref _coded);

    internal void AddBlock(int columns, int codedStrings)
    {
        Interlocked.Increment(ref _blocks);
        Interlocked.Add(ref _columns, columns);
        Interlocked.Add(ref _coded, codedStrings);
    }
}
