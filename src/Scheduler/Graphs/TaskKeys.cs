namespace Tessera.Scheduling;

/// <summary>
/// Deterministic names for collections' task layers, as dask's tokenize: the same kind and
/// parts give the same name, so equal expressions share graph keys.
/// </summary>
public static class TaskKeys
{
    /// <summary>
    /// A name "kind-0123456789abcdef" from <paramref name="parts"/>: numbers, strings, enums and
    /// arrays of them hash by value (arrays over 100,000 elements by identity); other objects by
    /// their GetHashCode.
    /// </summary>
    public static string Name(string kind, params ReadOnlySpan<object?> parts) => Tokenizer.Name(kind, parts);

    /// <summary>The key of block <paramref name="index"/> of layer <paramref name="name"/>: "name[i,j]".</summary>
    public static string Block(string name, ReadOnlySpan<int> index)
    {
        var text = new System.Text.StringBuilder(name.Length + (index.Length * 4) + 2);
        text.Append(name).Append('[');
        for (var i = 0; i < index.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            text.Append(index[i]);
        }
        return text.Append(']').ToString();
    }
}
