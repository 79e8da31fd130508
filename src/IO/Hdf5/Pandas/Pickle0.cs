using System.Globalization;
using System.Text;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Python pickle protocol 0 (text), the form PyTables stores list, tuple, dict and None
/// attributes in: pandas keeps its table metadata (index_cols, values_cols, non_index_axes,
/// column kinds) that way. Only the values pandas needs: None, int, str, list, tuple, dict.
/// </summary>
internal static class Pickle0
{
    /// <summary>A Python tuple when pickled.</summary>
    public sealed record Tuple(params object?[] Items);

    public static string Dumps(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.Append('.').ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append('N');
                break;
            case int or long:
                sb.Append('I').Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)).Append('\n');
                break;
            case string s:
                sb.Append('V').Append(Escape(s)).Append('\n');
                break;
            case Tuple t:
                sb.Append('(');
                foreach (var item in t.Items)
                {
                    Write(sb, item);
                }
                sb.Append('t');
                break;
            case System.Collections.IDictionary d:
                sb.Append("(d");
                foreach (System.Collections.DictionaryEntry e in d)
                {
                    Write(sb, e.Key);
                    Write(sb, e.Value);
                    sb.Append('s');
                }
                break;
            case System.Collections.IEnumerable list:
                sb.Append("(l");
                foreach (var item in list)
                {
                    Write(sb, item);
                    sb.Append('a');
                }
                break;
            default:
                throw new NotSupportedException($"Cannot pickle a {value.GetType().Name}.");
        }
    }

    // Protocol 0 unicode is raw-unicode-escape: backslash and newline must be escaped, and
    // anything outside Latin-1 is written as \\uXXXX.
    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '\\' or '\n' or '\r' || c > 0x7E || c < 0x20)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
