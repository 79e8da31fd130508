namespace Tessera.IO.Zarr.Store;

/// <summary>
/// A Zarr directory store: every key (<c>temperature/.zarray</c>, <c>temperature/0.1</c>,
/// <c>temperature/c/0/1</c>) is a file under the root, '/' in a key being a directory.
/// Reads and writes are whole files, so chunks are read and written in parallel safely.
/// </summary>
internal sealed class ZarrDirectoryStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(string key) => key.Length == 0 ? Root : Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The bytes under <paramref name="key"/>, or null when there are none (a chunk never written).</summary>
    public byte[]? TryRead(string key)
    {
        try
        {
            return File.ReadAllBytes(PathOf(key));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public bool Contains(string key) => File.Exists(PathOf(key));

    public void Write(string key, ReadOnlySpan<byte> bytes)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        file.Write(bytes);
    }

    /// <summary>Every key whose file name is <paramref name="name"/>, relative to the root with '/' separators.</summary>
    public IEnumerable<string> KeysNamed(string name) =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, name, SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(Root, p).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
            : [];
}
