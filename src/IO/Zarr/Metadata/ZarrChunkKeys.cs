namespace Tessera.IO.Zarr.Metadata;

/// <summary>
/// How a chunk's grid index becomes its store key: v2 joins the indices with '.' (or '/' when
/// <c>dimension_separator</c> says so); v3's default encoding prefixes <c>c</c> and joins with '/';
/// v3's <c>v2</c> encoding is v2's. A zero-dimensional array has one chunk, <c>0</c> or <c>c</c>.
/// </summary>
internal sealed record ZarrChunkKeys(string Prefix, char Separator)
{
    public static ZarrChunkKeys V2(char separator) => new("", separator);

    public static ZarrChunkKeys V3Default(char separator) => new("c", separator);

    public bool IsV3Default => Prefix.Length > 0;

    public string Key(ReadOnlySpan<long> index)
    {
        if (index.Length == 0)
        {
            return Prefix.Length > 0 ? Prefix : "0";
        }
        var text = new System.Text.StringBuilder(Prefix);
        for (var d = 0; d < index.Length; d++)
        {
            if (d > 0 || Prefix.Length > 0)
            {
                text.Append(Separator);
            }
            text.Append(index[d]);
        }
        return text.ToString();
    }
}
