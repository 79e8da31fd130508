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

    /// <summary>
    /// The bytes under <paramref name="key"/> in an array rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>
    /// (the caller returns it), or null when there are none. Chunk files are megabytes: reading each
    /// into a fresh array made every read a large-object allocation and, soon, a full GC (10x slower).
    /// </summary>
    public byte[]? TryReadRented(string key, out int length)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            length = 0;
            return null;
        }
        using (handle)
        {
            var size = RandomAccess.GetLength(handle);
            if (size > Array.MaxLength)
            {
                throw new ZarrFormatException(key, $"the chunk file is {size} bytes; chunks must be under 2 GiB.");
            }
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Max(1, size));
            var read = 0;
            while (read < size)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)size - read), read);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            length = read;
            return buffer;
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
