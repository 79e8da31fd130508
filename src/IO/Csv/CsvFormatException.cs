namespace Tessera.IO.Csv;

/// <summary>
/// A CSV row that does not fit the columns: too many or too few fields, or a field that does not
/// parse as its column's type. Names the file, the 1-based line and the column, and says how to fix it.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    internal CsvFormatException(string path, long line, string? column, string problem)
        : base($"{path}, line {line}{(column is null ? "" : $", column '{column}'")}: {problem}")
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the row (counting the header line).</summary>
    public long Line { get; }

    /// <summary>The column's name, or null when the row as a whole is wrong (field count).</summary>
    public string? Column { get; }
}
