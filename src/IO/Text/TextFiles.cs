using System.Text.RegularExpressions;

namespace Tessera.IO.Text;

/// <summary>Expands globs into file lists and splits files into <see cref="TextBlock"/>s.</summary>
public static class TextFiles
{
    /// <summary>
    /// The files <paramref name="patterns"/> name, in order: each pattern is a path or a glob
    /// (<c>*</c> and <c>?</c> in any segment, <c>**</c> for any depth); a glob's matches are sorted
    /// ordinally. A pattern matching nothing is an error naming it.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var files = new List<string>();
        foreach (var pattern in patterns)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(pattern, nameof(patterns));
            if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
            {
                if (!File.Exists(pattern))
                {
                    throw new FileNotFoundException(
                        $"No file '{pattern}' (full path {Path.GetFullPath(pattern)}). Check the path, or pass a glob such as \"data/*.json.gz\".",
                        pattern);
                }
                files.Add(pattern);
                continue;
            }
            var matches = Glob(pattern);
            if (matches.Count == 0)
            {
                throw new FileNotFoundException(
                    $"The pattern '{pattern}' matches no file (searched from {Path.GetFullPath(Root(pattern))}). " +
                    "Check the folder and the pattern; '*' matches within one folder, '**' across folders.", pattern);
            }
            files.AddRange(matches);
        }
        if (files.Count == 0)
        {
            throw new ArgumentException("No paths were given. Pass at least one file or glob.", nameof(patterns));
        }
        return files;
    }

    /// <summary>
    /// One block per compressed file, and plain files cut every <paramref name="blockSize"/> bytes
    /// (lines are kept whole by <see cref="TextBlock.OpenLines"/>); null keeps every file whole.
    /// </summary>
    public static IReadOnlyList<TextBlock> Blocks(IReadOnlyList<string> files, long? blockSize)
    {
        if (blockSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize,
                "blockSize must be a positive number of bytes (e.g. 64 << 20 for 64 MiB), or null for one partition per file.");
        }
        var blocks = new List<TextBlock>();
        foreach (var file in files)
        {
            var compression = TextStreams.CompressionOf(file);
            var length = new FileInfo(file).Length;
            if (compression != TextCompression.None || blockSize is null || length <= blockSize)
            {
                blocks.Add(new TextBlock(file, 0, -1, compression));
                continue;
            }
            for (long start = 0; start < length; start += blockSize.Value)
            {
                blocks.Add(new TextBlock(file, start, Math.Min(blockSize.Value, length - start), compression));
            }
        }
        return blocks;
    }

    private static string Root(string pattern)
    {
        var full = pattern.Replace('\\', '/');
        var wild = full.IndexOfAny(['*', '?']);
        var slash = full.LastIndexOf('/', wild);
        return slash < 0 ? "." : slash == 0 ? "/" : full[..slash];
    }

    private static List<string> Glob(string pattern)
    {
        var normal = pattern.Replace('\\', '/');
        var root = Root(normal);
        if (!Directory.Exists(root))
        {
            return [];
        }
        var rest = root == "." && !normal.StartsWith("./", StringComparison.Ordinal) ? normal : normal[(root.Length + 1)..];
        var regex = new Regex("^" + ToRegex(rest) + "$", RegexOptions.CultureInvariant);
        var recursive = rest.Contains('/') ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        var matches = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", recursive))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (regex.IsMatch(relative))
            {
                matches.Add(root == "." && !normal.StartsWith("./", StringComparison.Ordinal) ? relative : Path.Combine(root, relative));
            }
        }
        matches.Sort(StringComparer.Ordinal);
        return matches;
    }

    private static string ToRegex(string glob)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "**/" matches zero or more folders; a bare "**" anything at all.
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                text.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                text.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }
        return text.ToString();
    }
}
