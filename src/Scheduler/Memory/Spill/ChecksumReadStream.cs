namespace Tessera.Scheduling;

/// <summary>
/// The stream a spilled result is restored from: checksums what is read and reports the
/// file's length, so codecs can check a header against the bytes that follow before allocating.
/// </summary>
internal sealed class ChecksumReadStream(Stream inner, long length) : Stream
{
    private SpillChecksum _checksum = new();

    public ulong Checksum => _checksum.Value;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _checksum.Length;
        set => throw new NotSupportedException("Spill streams are read front to back.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _checksum.Append(buffer[..read]);
        return read;
    }

    /// <summary>Reads (and checksums) whatever the codec left unread; returns how many bytes that was.</summary>
    public long Drain()
    {
        var scratch = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = Read(scratch)) > 0)
        {
            total += read;
        }
        return total;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
