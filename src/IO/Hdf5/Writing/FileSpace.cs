using Microsoft.Win32.SafeHandles;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// The file being written: hands out 8-byte aligned regions at the end of the file and
/// writes them positionally. Allocation takes a lock; the writes themselves do not, so
/// chunks compressed on several threads are written in parallel.
/// </summary>
internal sealed class FileSpace : IDisposable
{
    /// <summary>Room for the superblock, which is written last, once the root is known.</summary>
    public const long SuperblockSize = 96;

    private readonly Lock _gate = new();
    private long _end = SuperblockSize;

    public FileSpace(string path)
    {
        Handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    public SafeFileHandle Handle { get; }

    /// <summary>Bytes the file spans so far (the superblock's end-of-file address).</summary>
    public long End
    {
        get
        {
            lock (_gate)
            {
                return _end;
            }
        }
    }

    /// <summary>Reserves <paramref name="size"/> bytes and returns their address.</summary>
    public long Allocate(long size)
    {
        lock (_gate)
        {
            var address = _end;
            _end += (size + 7) & ~7L;
            return address;
        }
    }

    public void Write(long address, ReadOnlySpan<byte> bytes) => RandomAccess.Write(Handle, bytes, address);

    /// <summary>Allocates room for <paramref name="bytes"/>, writes them, returns the address.</summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        var address = Allocate(bytes.Length);
        Write(address, bytes);
        return address;
    }

    /// <summary>Makes the file as long as the allocated space (the last region may be unwritten).</summary>
    public void Finish()
    {
        RandomAccess.SetLength(Handle, End);
        RandomAccess.FlushToDisk(Handle);
    }

    public void Dispose() => Handle.Dispose();
}
