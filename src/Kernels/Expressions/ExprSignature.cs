using System.Text;

namespace Tessera.Kernels.Expressions;

/// <summary>
/// The structural identity of an expression: tree shape, node kinds, op ids, input indexes and
/// every node's type - never constant values, which become kernel parameters, so <c>x * 2</c> and
/// <c>x * 3</c> share one compiled kernel. <see cref="Text"/> is the exact key (collision-free);
/// <see cref="Hash"/> a 64-bit FNV-1a of it for fast lookup and file names of on-disk caches.
/// </summary>
internal readonly record struct ExprSignature(string Text, ulong Hash)
{
    public static ExprSignature Of(Expr root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        Append(text, root);
        var key = text.ToString();
        return new ExprSignature(key, Fnv1a(key));
    }

    private static void Append(StringBuilder s, Expr e)
    {
        var t = (int)e.DType;
        switch (e)
        {
            case InputExpr input:
                s.Append('i').Append(input.Index).Append(':').Append(t);
                return;
            case ConstantExpr:
                s.Append('k').Append(':').Append(t);
                return;
            case UnaryExpr u:
                s.Append('u').Append(u.Op.Id);
                break;
            case BinaryExpr b:
                s.Append('b').Append(b.Op.Id);
                break;
            case WhereExpr:
                s.Append('w');
                break;
            case CastExpr:
                s.Append('c');
                break;
            default:
                throw new NotSupportedException($"Unknown expression node {e.GetType().Name}.");
        }
        s.Append(':').Append(t).Append('(');
        var children = e.Children;
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0)
            {
                s.Append(',');
            }
            Append(s, children[i]);
        }
        s.Append(')');
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }
        return hash;
    }
}
