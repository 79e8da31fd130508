using System.Globalization;
using System.Text;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Reads the protocol-0 pickles pandas stores its table metadata in (lists, tuples and dicts of
/// str, int, float, bool and None; memo puts and gets). Anything else, such as a pickled class,
/// is refused with the opcode named, never executed: these attributes come from files.
/// </summary>
internal static class Pickle0Reader
{
    private static readonly object Mark = new();

    public static object? Loads(string text)
    {
        var stack = new List<object?>();
        var memo = new Dictionary<string, object?>(StringComparer.Ordinal);
        var at = 0;
        while (at < text.Length)
        {
            var op = text[at++];
            switch (op)
            {
                case '.':
                    return stack.Count == 1 ? stack[0] : throw Bad($"the pickle ends with {stack.Count} values on its stack, not 1");
                case '(':
                    stack.Add(Mark);
                    break;
                case 'N':
                    stack.Add(null);
                    break;
                case 'I':
                    var number = Line(text, ref at);
                    stack.Add(number switch { "00" => false, "01" => true, _ => long.Parse(number, CultureInfo.InvariantCulture) });
                    break;
                case 'L':
                    stack.Add(long.Parse(Line(text, ref at).TrimEnd('L'), CultureInfo.InvariantCulture));
                    break;
                case 'F':
                    stack.Add(double.Parse(Line(text, ref at), CultureInfo.InvariantCulture));
                    break;
                case 'V':
                    stack.Add(Unescape(Line(text, ref at)));
                    break;
                case 'S':
                    stack.Add(Unquote(Line(text, ref at)));
                    break;
                case 'l':
                    stack.Add(PopToMark(stack));
                    break;
                case 't':
                    stack.Add(new Pickle0.Tuple([.. PopToMark(stack)]));
                    break;
                case 'd':
                    var items = PopToMark(stack);
                    var dict = new Dictionary<object, object?>();
                    for (var i = 0; i + 1 < items.Count; i += 2)
                    {
                        dict[items[i] ?? "None"] = items[i + 1];
                    }
                    stack.Add(dict);
                    break;
                case ']':
                    stack.Add(new List<object?>());
                    break;
                case ')':
                    stack.Add(new Pickle0.Tuple());
                    break;
                case '}':
                    stack.Add(new Dictionary<object, object?>());
                    break;
                case 'a':
                    var item = Pop(stack);
                    (Peek(stack) as List<object?> ?? throw Bad("APPEND to something that is not a list")).Add(item);
                    break;
                case 'e':
                    var appended = PopToMark(stack);
                    (Peek(stack) as List<object?> ?? throw Bad("APPENDS to something that is not a list")).AddRange(appended);
                    break;
                case 's':
                    var value = Pop(stack);
                    var key = Pop(stack);
                    (Peek(stack) as Dictionary<object, object?> ?? throw Bad("SETITEM on something that is not a dict"))[key ?? "None"] = value;
                    break;
                case 'p':
                    memo[Line(text, ref at)] = Peek(stack);
                    break;
                case 'g':
                    var name = Line(text, ref at);
                    stack.Add(memo.TryGetValue(name, out var remembered) ? remembered : throw Bad($"GET of memo {name}, never put"));
                    break;
                default:
                    throw Bad($"opcode '{op}' at {at - 1} is not one pandas' metadata uses");
            }
        }
        throw Bad("the pickle has no STOP ('.')");
    }

    private static string Line(string text, ref int at)
    {
        var end = text.IndexOf('\n', at);
        if (end < 0)
        {
            throw Bad("a line argument has no newline");
        }
        var line = text[at..end];
        at = end + 1;
        return line;
    }

    private static object? Pop(List<object?> stack)
    {
        if (stack.Count == 0 || stack[^1] == Mark)
        {
            throw Bad("the stack is empty");
        }
        var top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    private static object? Peek(List<object?> stack) => stack.Count > 0 ? stack[^1] : throw Bad("the stack is empty");

    private static List<object?> PopToMark(List<object?> stack)
    {
        var mark = stack.LastIndexOf(Mark);
        if (mark < 0)
        {
            throw Bad("no MARK for a list, tuple or dict");
        }
        var items = stack.GetRange(mark + 1, stack.Count - mark - 1);
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    // raw-unicode-escape: only \uXXXX and \UXXXXXXXX are escapes.
    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 5 < s.Length + 0 && s[i + 1] == 'u')
            {
                sb.Append((char)int.Parse(s.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 5;
            }
            else if (s[i] == '\\' && i + 9 < s.Length + 0 && s[i + 1] == 'U')
            {
                sb.Append(char.ConvertFromUtf32(int.Parse(s.AsSpan(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                i += 9;
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }

    private static string Unquote(string s) => s.Length >= 2 && (s[0] is '\'' or '"') ? s[1..^1] : s;

    private static FormatException Bad(string problem) => new($"Malformed pickled attribute: {problem}.");
}
