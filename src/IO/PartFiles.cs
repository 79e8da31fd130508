using System.Text.RegularExpressions;

namespace Tessera.IO;

/// <summary>
/// The files of a dataset written as parts (<c>part.0.parquet</c>, <c>part.1.parquet</c>, …): a
/// single file, a directory, or a glob. Parts are ordered by the numbers in their names, so part.10
/// comes after part.9 as the writer meant, not after part.1 as an ordinal sort would put it.
/// </summary>
public static partial class PartFiles
{
    /// <summary>
    /// The data files <paramref name="pathOrGlobOrDirectory"/> names: the file itself; every file
    /// in the directory whose name ends with one of <paramref name="extensions"/> (names starting
    /// with <c>_</c> or <c>.</c>, such as <c>_metadata</c>, are not data); or the files matching
    /// <c>*</c>/<c>?</c> wildcards in the file name.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches.</exception>
    public static IReadOnlyList<string> Expand(string pathOrGlobOrDirectory, params string[] extensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrGlobOrDirectory);
        if (File.Exists(pathOrGlobOrDirectory))
        {
            return [pathOrGlobOrDirectory];
        }
        string[] found;
        if (Directory.Exists(pathOrGlobOrDirectory))
        {
            found = [.. Directory.EnumerateFiles(pathOrGlobOrDirectory)
                .Where(f => !IsHidden(f) && extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))];
            if (found.Length == 0)
            {
                throw new FileNotFoundException(
                    $"The directory '{pathOrGlobOrDirectory}' holds no {string.Join(" or ", extensions)} files. Pass the directory a writer filled, or a glob such as '{Path.Combine(pathOrGlobOrDirectory, "*" + extensions.FirstOrDefault())}'.",
                    pathOrGlobOrDirectory);
            }
        }
        else
        {
            var directory = Path.GetDirectoryName(pathOrGlobOrDirectory);
            directory = string.IsNullOrEmpty(directory) ? "." : directory;
            var name = Path.GetFileName(pathOrGlobOrDirectory);
            if (name.IndexOfAny(['*', '?']) < 0 || !Directory.Exists(directory))
            {
                throw new FileNotFoundException($"'{pathOrGlobOrDirectory}' is not a file, a directory or a glob that matches files. Check the path.", pathOrGlobOrDirectory);
            }
            found = [.. Directory.EnumerateFiles(directory, name).Where(f => !IsHidden(f))];
            if (found.Length == 0)
            {
                throw new FileNotFoundException($"No file matches '{pathOrGlobOrDirectory}'. Check the directory and the wildcards.", pathOrGlobOrDirectory);
            }
        }
        return [.. found.OrderBy(NaturalKey, StringComparer.Ordinal)];
    }

    private static bool IsHidden(string path) => Path.GetFileName(path) is var n && (n.StartsWith('_') || n.StartsWith('.'));

    // Numbers padded to 20 digits so that an ordinal comparison orders them numerically.
    private static string NaturalKey(string path) => Digits().Replace(path, m => m.Value.PadLeft(20, '0'));

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
