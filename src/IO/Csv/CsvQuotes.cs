namespace Tessera.IO.Csv;

/// <summary>RFC 4180 quoting: a field in double quotes may hold separators and newlines, and a doubled quote stands for one.</summary>
internal static class CsvQuotes
{
    /// <summary>
    /// The end of the quoted field whose opening quote is at <paramref name="open"/>: the index of its
    /// closing quote, or -1 when the data ends first.
    /// </summary>
    public static int FindClose(ReadOnlySpan<byte> data, int open)
    {
        var i = open + 1;
        while (true)
        {
            var q = data[i..].IndexOf((byte)'"');
            if (q < 0)
            {
                return -1;
            }
            i += q;
            if (i + 1 < data.Length && data[i + 1] == '"')
            {
                i += 2;
                continue;
            }
            return i;
        }
    }

    /// <summary>Copies <paramref name="content"/> with each doubled quote written once; returns the length written.</summary>
    public static int Unescape(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < content.Length; i++)
        {
            destination[written++] = content[i];
            if (content[i] == '"' && i + 1 < content.Length && content[i + 1] == '"')
            {
                i++;
            }
        }
        return written;
    }
}
