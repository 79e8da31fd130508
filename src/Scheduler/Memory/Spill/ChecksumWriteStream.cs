namespace Tessera.Scheduling;

/// <summary>
/// The stream a result spills into: forwards writes to the file while checksumming them, in
/// pieces of at most <see cref="PieceBytes"/> so that cancellation stops a large spill promptly
/// (a 128 MiB chunk is otherwise one write call).
/// </summary>
internal sealed class ChecksumWriteStream(Stream inner, CancellationToken cancellationToken) : Stream
{
    private const int PieceBytes = 1 << 20;
    private SpillChecksum _checksum = new();

    public ulong Checksum => _checksum.Value;

    public long Written => _checksum.Length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException("Spill streams are written front to back.");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var piece = buffer[..Math.Min(buffer.Length, PieceBytes)];
            _checksum.Append(piece);
            inner.Write(piece);
            buffer = buffer[piece.Length..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
