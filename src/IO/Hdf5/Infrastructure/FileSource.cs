using Microsoft.Win32.SafeHandles;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Positional access to the file. Every read names its offset, so many threads can read and
/// decompress chunks at once with no shared stream position and no lock.
/// </summary>
internal sealed class FileSource : IDisposable
{
    private readonly SafeFileHandle _handle;

    public FileSource(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; }

    /// <summary>Reads exactly <paramref name="length"/> bytes or throws naming <paramref name="structure"/>.</summary>
    public byte[] Read(long offset, long length, string structure)
    {
        CheckRange(offset, length, structure);
        var buffer = GC.AllocateUninitializedArray<byte>((int)length);
        ReadInto(offset, buffer, structure);
        return buffer;
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/> or throws.</summary>
    public void ReadInto(long offset, Span<byte> destination, string structure)
    {
        CheckRange(offset, destination.Length, structure);
        int done = 0;
        while (done < destination.Length)
        {
            int n = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (n <= 0)
            {
                throw new Hdf5FormatException(structure, offset + done,
                    $"the file ended while reading {destination.Length} bytes (file length {Length}).");
            }
            done += n;
        }
    }

    /// <summary>Reads up to <paramref name="maxLength"/> bytes, fewer where the file ends first.</summary>
    public byte[] ReadUpTo(long offset, long maxLength, string structure)
    {
        if (offset < 0 || offset >= Length)
        {
            throw new Hdf5FormatException(structure, offset, $"address lies outside the file (length {Length}).");
        }
        return Read(offset, Math.Min(maxLength, Length - offset), structure);
    }

    public void CheckRange(long offset, long length, string structure)
    {
        if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
        {
            throw new Hdf5FormatException(structure, offset,
                $"needs {length} bytes but the file is only {Length} bytes long (truncated file or bad address).");
        }
        if (length > Array.MaxLength)
        {
            throw new Hdf5FormatException(structure, offset, $"a single block of {length} bytes is larger than this reader supports.");
        }
    }

    public void Dispose() => _handle.Dispose();
}
