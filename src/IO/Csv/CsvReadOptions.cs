using Apache.Arrow.Types;

namespace Tessera.IO.Csv;

/// <summary>
/// How CSV text is read into Arrow columns: the options of pandas' <c>read_csv</c> that change what
/// the columns hold. Every option has pandas' default, so <c>new CsvReadOptions()</c> reads what
/// <c>pd.read_csv(path)</c> reads.
/// </summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator (pandas' <c>sep</c>); a comma unless set.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>True when the first line of every file names the columns (pandas' <c>header=0</c>).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Column names when the files have no header line, or to rename the header's columns.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>The columns to keep, by name (pandas' <c>usecols</c>); null keeps every column, in file order.</summary>
    public IReadOnlyList<string>? UseColumns { get; init; }

    /// <summary>
    /// Arrow types of some columns (pandas' <c>dtype</c>): <c>Int32Type</c>, <c>Int64Type</c>,
    /// <c>FloatType</c>, <c>DoubleType</c>, <c>BooleanType</c>, <c>StringType</c>, <c>Date32Type</c> or
    /// <c>TimestampType</c>. The others are inferred from the first <see cref="SampleBytes"/> of the first file.
    /// </summary>
    public IReadOnlyDictionary<string, IArrowType>? DTypes { get; init; }

    /// <summary>Columns parsed as timestamps (pandas' <c>parse_dates</c>): ISO 8601 dates or date-times, nanoseconds, no time zone.</summary>
    public IReadOnlyList<string>? ParseDates { get; init; }

    /// <summary>
    /// Field texts read as null (pandas' <c>na_values</c> with its defaults): the empty field, "NA",
    /// "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A", "&lt;NA&gt;", "-NaN", "-nan", "n/a".
    /// </summary>
    public IReadOnlyList<string> NullValues { get; init; } = DefaultNullValues;

    /// <summary>How many bytes of the first file type inference reads (pandas reads a whole file; dask a sample).</summary>
    public int SampleBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// The size of the byte blocks one partition parses (dask's <c>blocksize</c>); files larger than it
    /// are split at row boundaries. Compressed files are one partition each, whatever their size.
    /// </summary>
    public long BlockSize { get; init; } = 16L << 20;

    /// <summary>
    /// What a malformed row does: <see cref="BadRowAction.Error"/> (the default) throws
    /// <see cref="CsvFormatException"/> naming the file, line and column; <see cref="BadRowAction.Skip"/>
    /// drops the row and counts it in <see cref="CsvBlockResult.SkippedRows"/>.
    /// </summary>
    public BadRowAction OnBadRow { get; init; } = BadRowAction.Error;

    /// <summary>
    /// Whether string columns whose values repeat are kept as dictionary codes while parsing (as
    /// pyarrow's <c>auto_dict_encode</c>): the column still reads as strings, but a group-by or a
    /// comparison with a value works on the codes. A block whose values stop repeating turns plain
    /// by itself; false writes every string column plain from the start.
    /// </summary>
    public bool DictionaryEncodeStrings { get; init; } = true;

    /// <summary>Counts what the read did (blocks, columns converted), for tests and profiles; null counts nothing.</summary>
    public CsvReadCounters? Counters { get; init; }

    /// <summary>pandas' default null markers.</summary>
    public static IReadOnlyList<string> DefaultNullValues { get; } =
        ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A", "<NA>", "-NaN", "-nan", "n/a"];
}

/// <summary>What the reader does with a row it cannot parse.</summary>
public enum BadRowAction
{
    /// <summary>Throw <see cref="CsvFormatException"/> naming the file, line and column.</summary>
    Error,

    /// <summary>Drop the row; the count of dropped rows is reported, never silently lost.</summary>
    Skip,
}
