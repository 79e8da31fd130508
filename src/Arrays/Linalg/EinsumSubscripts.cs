namespace Tessera.Arrays.LinearAlgebra;

/// <summary>
/// A parsed einsum subscripts string (numpy's grammar): one label per axis of each operand,
/// <c>...</c> standing for the axes no letter names (broadcast right-aligned across operands,
/// labelled here by characters outside the ASCII letters), and the output's labels: those after
/// <c>-&gt;</c>, or in implicit mode the ellipsis axes then the letters used exactly once, in
/// character order (numpy's: capitals before small letters).
/// </summary>
internal sealed record EinsumSubscripts(char[][] Inputs, char[] Output)
{
    /// <summary>The first label given to ellipsis axes: the axes '...' covers take consecutive characters from here.</summary>
    private const char EllipsisBase = '\u0100';

    public static EinsumSubscripts Parse(string subscripts, IReadOnlyList<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        var text = subscripts.Replace(" ", "", StringComparison.Ordinal);
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var left = arrow < 0 ? text : text[..arrow];
        var terms = left.Split(',');
        if (terms.Length != ranks.Count)
        {
            throw new ArgumentException(
                $"Einsum '{subscripts}' names {terms.Length} operand(s); {ranks.Count} were given. Give one comma-separated term per operand.",
                nameof(subscripts));
        }
        var ellipsisRank = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            if (terms[i].Contains("...", StringComparison.Ordinal))
            {
                ellipsisRank = Math.Max(ellipsisRank, ranks[i] - (terms[i].Length - 3));
            }
        }
        var inputs = terms.Select((t, i) => Expand(t, ranks[i], ellipsisRank, subscripts, i)).ToArray();
        char[] output;
        if (arrow >= 0)
        {
            var right = text[(arrow + 2)..];
            output = ExpandOutput(right, ellipsisRank, subscripts);
            foreach (var label in output)
            {
                if (!inputs.Any(t => t.Contains(label)))
                {
                    throw new ArgumentException($"Einsum '{subscripts}': output label '{label}' appears in no input term.", nameof(subscripts));
                }
            }
            if (output.Distinct().Count() != output.Length)
            {
                throw new ArgumentException($"Einsum '{subscripts}': the output repeats a label; each may appear once.", nameof(subscripts));
            }
        }
        else
        {
            var counts = inputs.SelectMany(t => t).Where(char.IsAsciiLetter).GroupBy(c => c).Where(g => g.Count() == 1).Select(g => g.Key);
            output = [.. Enumerable.Range(0, ellipsisRank).Select(e => (char)(EllipsisBase + e)), .. counts.Order()];
        }
        return new(inputs, output);
    }

    private static char[] Expand(string term, int rank, int ellipsisRank, string subscripts, int operand)
    {
        var dots = term.IndexOf("...", StringComparison.Ordinal);
        var letters = dots < 0 ? term : term.Remove(dots, 3);
        if (letters.Any(c => !char.IsAsciiLetter(c)))
        {
            throw new ArgumentException(
                $"Einsum '{subscripts}': term '{term}' holds a character that is not a letter or '...'. Use one letter per axis.", nameof(subscripts));
        }
        var covered = rank - letters.Length;
        if (dots < 0 ? covered != 0 : covered < 0)
        {
            throw new ArgumentException(
                $"Einsum '{subscripts}': term '{term}' labels {letters.Length} axes{(dots < 0 ? "" : " besides '...'")}, but operand {operand} has {rank}. " +
                "Give one letter per axis, or '...' for the axes you do not name.", nameof(subscripts));
        }
        if (dots < 0)
        {
            return letters.ToCharArray();
        }
        var ellipsis = Enumerable.Range(ellipsisRank - covered, covered).Select(e => (char)(EllipsisBase + e));
        return [.. letters[..dots], .. ellipsis, .. letters[dots..]];
    }

    private static char[] ExpandOutput(string term, int ellipsisRank, string subscripts)
    {
        var dots = term.IndexOf("...", StringComparison.Ordinal);
        var letters = dots < 0 ? term : term.Remove(dots, 3);
        if (letters.Any(c => !char.IsAsciiLetter(c)))
        {
            throw new ArgumentException($"Einsum '{subscripts}': the output '{term}' holds a character that is not a letter or '...'.", nameof(subscripts));
        }
        if (dots < 0)
        {
            return letters.ToCharArray();
        }
        return [.. letters[..dots], .. Enumerable.Range(0, ellipsisRank).Select(e => (char)(EllipsisBase + e)), .. letters[dots..]];
    }
}
