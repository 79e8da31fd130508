using System.Buffers;
using Tessera.Bags.Plan;
using Tessera.IO.Text;

namespace Tessera.Bags.Streams;

/// <summary>
/// Parses one block's lines on several threads while keeping their order: the thread that
/// consumes the partition reads (and decompresses) the block into chunks of whole lines, hands
/// each chunk to the thread pool to parse, and yields the parsed chunks in order. A gzip stream
/// cannot be decoded in parallel, but decoding runs at several hundred MB/s while parsing JSON
/// into objects runs at a fraction of that, so a single compressed file still keeps every core
/// busy. At most <see cref="InFlight"/> chunks are read ahead, which bounds the memory a
/// partition holds however large the file.
/// </summary>
internal static class ParallelLineParse
{
    private const int ChunkBytes = 1 << 16;

    private static int InFlight => Math.Max(2, Environment.ProcessorCount);

    public static IEnumerable<T> Read<T>(TextBlock block, LineParser<T> parse, Func<Exception, long, long, Exception> failure)
    {
        using var reader = block.OpenLines();
        var pending = new Queue<Task<List<T>>>();
        try
        {
            while (true)
            {
                while (pending.Count < InFlight && NextChunk(reader) is { } chunk)
                {
                    pending.Enqueue(Task.Run(() => ParseChunk(chunk, parse, failure)));
                }
                if (pending.Count == 0)
                {
                    yield break;
                }
                var items = pending.Dequeue().GetAwaiter().GetResult();
                foreach (var item in items)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            // Stopped early (Take, Any, an error downstream): let running parses finish so their
            // buffers go back to the pool, and observe their exceptions.
            foreach (var task in pending)
            {
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                    // Already stopping; the first error was or will be reported by the consumer.
                }
            }
        }
    }

    private sealed record Chunk(byte[] Bytes, int Length, long FirstLine, long[] Starts);

    private static Chunk? NextChunk(LineReader reader)
    {
        byte[]? buffer = null;
        var length = 0;
        var firstLine = reader.LineNumber + 1;
        var starts = new List<long>();
        while (length < ChunkBytes && reader.TryReadLine(out var line))
        {
            buffer ??= ArrayPool<byte>.Shared.Rent(ChunkBytes + 4096);
            if (length + line.Length + 1 > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + line.Length + 1));
                Buffer.BlockCopy(buffer, 0, larger, 0, length);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            if (starts.Count < 1)
            {
                starts.Add(reader.LineStart);
            }
            line.CopyTo(buffer.AsSpan(length));
            length += line.Length;
            buffer[length++] = (byte)'\n';
        }
        return buffer is null ? null : new Chunk(buffer, length, firstLine, [.. starts]);
    }

    private static List<T> ParseChunk<T>(Chunk chunk, LineParser<T> parse, Func<Exception, long, long, Exception> failure)
    {
        try
        {
            var items = new List<T>(chunk.Length / 128);
            var text = chunk.Bytes.AsSpan(0, chunk.Length);
            var lineNumber = chunk.FirstLine;
            var offset = 0;
            while (offset < text.Length)
            {
                var end = text[offset..].IndexOf((byte)'\n');
                var line = text.Slice(offset, end);
                if (!line.Trim(" \t\r"u8).IsEmpty)
                {
                    try
                    {
                        items.Add(parse(line));
                    }
                    catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException or NotSupportedException)
                    {
                        throw failure(e, lineNumber, chunk.Starts[0] + offset);
                    }
                }
                offset += end + 1;
                lineNumber++;
            }
            return items;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk.Bytes);
        }
    }
}
