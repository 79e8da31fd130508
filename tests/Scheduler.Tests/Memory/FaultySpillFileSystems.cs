using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests.Memory;

/// <summary>A disk that fills up: writes fail with ENOSPC's message after <paramref name="capacity"/> bytes in all.</summary>
internal sealed class FullDisk(long capacity) : SpillFileSystem
{
    private readonly long _capacity = capacity;
    private long _written;

    public override Stream Create(string path) => new Limited(base.Create(path), this);

    private sealed class Limited(Stream inner, FullDisk disk) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Interlocked.Add(ref disk._written, buffer.Length) > disk._capacity)
            {
                throw new IOException("No space left on device");
            }
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>Flips one byte in the middle of every spill file just before it is read back.</summary>
internal sealed class FlippingDisk : SpillFileSystem
{
    public string? FlippedFile { get; private set; }

    public override Stream OpenRead(string path)
    {
        lock (this)
        {
            if (FlippedFile is null)
            {
                var bytes = File.ReadAllBytes(path);
                bytes[bytes.Length / 2] ^= 0x10;
                File.WriteAllBytes(path, bytes);
                FlippedFile = path;
            }
        }
        return base.OpenRead(path);
    }
}

/// <summary>Runs <paramref name="onFirstWrite"/> when the first spill write starts (to cancel a run mid-spill).</summary>
internal sealed class DiskThatSignals(Action onFirstWrite) : SpillFileSystem
{
    private int _signalled;

    public override Stream Create(string path)
    {
        var file = base.Create(path);
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            onFirstWrite();
        }
        return file;
    }
}
