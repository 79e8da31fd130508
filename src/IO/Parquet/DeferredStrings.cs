using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Tessera.IO.Parquet;

/// <summary>
/// The offsets and UTF-8 bytes of a dictionary-encoded string column, written out from its codes
/// the first time either buffer is read (once, whichever thread asks first). Their lengths are
/// known before, so an Arrow array can be built over them without writing them.
/// </summary>
internal sealed class DeferredStrings
{
    private readonly Lazy<(byte[] Offsets, byte[] Values)> _dense;

    public DeferredStrings(ReadOnlyMemory<int> codes, byte[] validity, int nullCount, StringArray dictionary, int totalBytes)
    {
        _dense = new Lazy<(byte[], byte[])>(() => Write(codes, validity, nullCount, dictionary, totalBytes), LazyThreadSafetyMode.ExecutionAndPublication);
        Offsets = new Buffer(() => _dense.Value.Offsets, (codes.Length + 1) * sizeof(int));
        Values = new Buffer(() => _dense.Value.Values, totalBytes);
    }

    /// <summary>The offsets buffer (rows + 1 int32 values).</summary>
    public Buffer Offsets { get; }

    /// <summary>The bytes buffer.</summary>
    public Buffer Values { get; }

    public bool IsWritten => _dense.IsValueCreated;

    private static (byte[] Offsets, byte[] Values) Write(ReadOnlyMemory<int> codeMemory, byte[] validity, int nullCount, StringArray dictionary, int totalBytes)
    {
        var codes = codeMemory.Span;
        // Pinned: the C data interface exports these buffers by address.
        var offsetBytes = GC.AllocateUninitializedArray<byte>((codes.Length + 1) * sizeof(int), pinned: true);
        var values = GC.AllocateUninitializedArray<byte>(Math.Max(totalBytes, 1), pinned: true);
        var offsets = MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan());
        var dictionaryOffsets = dictionary.ValueOffsets;
        var dictionaryBytes = dictionary.ValueBuffer.Span;
        var at = 0;
        offsets[0] = 0;
        for (var r = 0; r < codes.Length; r++)
        {
            if (nullCount == 0 || (validity[r >> 3] & (1 << (r & 7))) != 0)
            {
                var start = dictionaryOffsets[codes[r]];
                var length = dictionaryOffsets[codes[r] + 1] - start;
                // Most dictionary strings are short: a byte loop beats a span copy's call.
                if (length <= 16)
                {
                    for (var b = 0; b < length; b++)
                    {
                        values[at + b] = dictionaryBytes[start + b];
                    }
                }
                else
                {
                    dictionaryBytes.Slice(start, length).CopyTo(values.AsSpan(at));
                }
                at += length;
            }
            offsets[r + 1] = at;
        }
        return (offsetBytes, values);
    }

    /// <summary>One buffer's memory, written out on first use.</summary>
    internal sealed class Buffer(Func<byte[]> array, int length) : MemoryManager<byte>
    {
        /// <summary>The memory, not yet written (MemoryManager.Memory would write it to learn its length).</summary>
        public ReadOnlyMemory<byte> Unwritten => CreateMemory(length);

        public override Span<byte> GetSpan() => array().AsSpan(0, length);

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            // The array lives on the pinned object heap: its address never changes.
            var bytes = array();
            return new MemoryHandle(Unsafe.AsPointer(ref bytes[elementIndex]), default, this);
        }

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
