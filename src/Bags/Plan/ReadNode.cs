using System.Text.Json;
using Tessera.IO.Text;
using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>Turns one line (UTF-8 bytes, without its newline) into an element.</summary>
internal delegate T LineParser<T>(ReadOnlySpan<byte> line);

/// <summary>
/// Partitions read from text blocks, one block each, line by line. A root with no task of its
/// own: the task that consumes a partition opens the file itself, so the lines stream through
/// whatever follows and the block is never held whole.
/// </summary>
internal sealed class ReadNode<T> : BagNode<T>
{
    private readonly IReadOnlyList<TextBlock> _blocks;
    private readonly LineParser<T> _parse;
    private readonly bool _skipBlank;

    public ReadNode(string kind, IReadOnlyList<TextBlock> blocks, LineParser<T> parse, bool skipBlank, object? format)
    {
        _blocks = blocks;
        _parse = parse;
        _skipBlank = skipBlank;
        Kind = kind;
        // Deterministic, as dask's read_text: the same files (path, size, time) read the same way share keys.
        var parts = new List<object?> { typeof(T).FullName, format };
        foreach (var block in blocks)
        {
            var info = new FileInfo(block.Path);
            parts.Add(info.FullName);
            parts.Add(info.Length);
            parts.Add(info.LastWriteTimeUtc.Ticks);
            parts.Add(block.Start);
            parts.Add(block.Length);
        }
        Name = Names.Of(kind, [.. parts]);
    }

    public override int Partitions => _blocks.Count;

    public override string Name { get; }

    public override string Kind { get; }

    public override TaskArg[] Inputs(int partition, GraphBuilder graph) => [];

    public override IEnumerable<T> Open(object?[] inputs, int partition)
    {
        var block = _blocks[partition];
        return _skipBlank && (ReadSettings.ParallelParse ?? Environment.ProcessorCount >= 2 * _blocks.Count)
            ? Streams.ParallelLineParse.Read(block, _parse, (e, line, offset) => Failure(block, e, line, offset))
            : Lines(block);
    }

    private IEnumerable<T> Lines(TextBlock block)
    {
        using var reader = block.OpenLines();
        while (reader.TryReadLine(out var line))
        {
            if (_skipBlank && line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }
            T item;
            try
            {
                item = _parse(line);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or NotSupportedException)
            {
                throw Failure(block, e, reader.LineNumber, reader.LineStart);
            }
            yield return item;
        }
    }

    private static InvalidDataException Failure(TextBlock block, Exception e, long line, long offset) =>
        new($"Line {line} of block {block} (the line at byte {offset} of the " +
            $"{(block.Compression == TextCompression.None ? "file" : "decompressed stream")}) could not be read as {typeof(T).Name}: " +
            $"{e.Message} Fix the line, or read the files with ReadText and parse the lines yourself.", e);
}

/// <summary>Process-wide switches of file reads.</summary>
internal static class ReadSettings
{
    /// <summary>
    /// Whether JSON lines are parsed on several threads per partition; null (the default) decides
    /// per bag. Parsing records costs far more than reading them, so with fewer files than cores a
    /// partition parses on the thread pool (see <see cref="Streams.ParallelLineParse"/>). With as
    /// many partitions as cores it does not: measured on 2 cores with 3 gzip files, handing
    /// parsed chunks between threads cost 1.5x the CPU time (objects outlive gen0) and 2x the wall time.
    /// </summary>
    internal static bool? ParallelParse { get; set; }
}
