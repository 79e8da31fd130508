using Microsoft.Win32.SafeHandles;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Positional access to the file. Every read names its offset, so many threads can read and
/// decompress chunks at once with no shared stream position and no lock.
/// </summary>
internal sealed class FileSource : IDisposable
{
    private readonly string _path;
    private readonly bool _closeWhenIdle;
    private readonly Lock _gate = new();
    private SafeFileHandle? _handle;
    private int _users;
    private bool _disposed;

    /// <param name="path">The file.</param>
    /// <param name="closeWhenIdle">
    /// Hold the handle only while reads are in flight (or a <see cref="KeepOpen"/> lease is held),
    /// reopening it on the next read; otherwise hold it until <see cref="Dispose"/>.
    /// </param>
    public FileSource(string path, bool closeWhenIdle = false)
    {
        _path = path;
        _closeWhenIdle = closeWhenIdle;
        _handle = Open(path);
        Length = RandomAccess.GetLength(_handle);
        if (closeWhenIdle)
        {
            _handle.Dispose();
            _handle = null;
        }
    }

    private static SafeFileHandle Open(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);

    /// <summary>Keeps the handle open until the lease is disposed (many reads then share one open).</summary>
    public Lease KeepOpen() => new(this, Acquire());

    /// <summary>A hold on the open handle; disposing it may close the handle.</summary>
    public readonly struct Lease(FileSource owner, SafeFileHandle handle) : IDisposable
    {
        public SafeFileHandle Handle => handle;

        public void Dispose() => owner?.ReleaseHandle();
    }

    private SafeFileHandle Acquire()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _handle ??= Open(_path);
            _users++;
            return _handle;
        }
    }

    private void ReleaseHandle()
    {
        lock (_gate)
        {
            if (--_users == 0 && _closeWhenIdle && _handle is not null)
            {
                _handle.Dispose();
                _handle = null;
            }
        }
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
        using var lease = KeepOpen();
        int done = 0;
        while (done < destination.Length)
        {
            int n = RandomAccess.Read(lease.Handle, destination[done..], offset + done);
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

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _handle?.Dispose();
            _handle = null;
        }
    }
}
