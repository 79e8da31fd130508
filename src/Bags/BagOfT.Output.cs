using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Tessera.Bags.Plan;
using Tessera.Bags.Storage;
using Tessera.IO.Text;
using Tessera.Scheduling;

namespace Tessera.Bags;

public sealed partial class Bag<T>
{
    /// <summary>
    /// Writes one text file per partition and returns their paths: <paramref name="pattern"/>'s
    /// <c>*</c> is replaced by the partition number ("out/part-*.json.gz" gives out/part-0.json.gz,
    /// …), and the extension chooses the compression (.gz, .zst, or none). Strings are written as
    /// lines; other elements as one JSON document per line. Runs now; each partition streams from
    /// its source to its file.
    /// </summary>
    public IReadOnlyList<string> ToTextFiles(string pattern, ComputeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (pattern.Count(c => c == '*') != 1)
        {
            throw new ArgumentException(
                $"The pattern '{pattern}' must contain exactly one '*', replaced by the partition number (e.g. \"out/part-*.json.gz\").",
                nameof(pattern));
        }
        var paths = Enumerable.Range(0, Partitions).Select(i => pattern.Replace("*", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var name = Names.Fresh("to-text", Name);
        var node = Node;
        var graph = new GraphBuilder();
        var keys = new string[Partitions];
        for (var i = 0; i < keys.Length; i++)
        {
            var partition = i;
            keys[i] = Names.Partition(name, i);
            graph.Add(TaskDefinition.Call(keys[i], "to-text",
                args => WriteLines(node.Open(args.ToArray(), partition), paths[partition]), node.Inputs(i, graph)));
        }
        GraphRunner.Run(graph.Graph, keys, options);
        return paths;
    }

    /// <summary>
    /// The elements as an async stream that yields each partition's elements as soon as that
    /// partition is computed (partitions in the order they finish, elements in order within
    /// one). The computation starts at the first MoveNextAsync; disposing the enumerator early
    /// cancels it.
    /// </summary>
    public async IAsyncEnumerable<T> ToAsyncEnumerable(ComputeOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= ComputeOptions.Default;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, cancellationToken);
        var channel = Channel.CreateUnbounded<List<T>>(new UnboundedChannelOptions { SingleReader = true });
        var name = Names.Fresh("stream", Name);
        var node = Node;
        var graph = new GraphBuilder();
        var keys = new string[Partitions];
        for (var i = 0; i < keys.Length; i++)
        {
            var partition = i;
            keys[i] = Names.Partition(name, i);
            // The task hands its partition to the reader and keeps nothing: results held by the
            // scheduler until the end would defeat streaming.
            graph.Add(TaskDefinition.Call(keys[i], "stream", args =>
            {
                channel.Writer.TryWrite(node.Open(args.ToArray(), partition).ToList());
                return null;
            }, node.Inputs(i, graph)));
        }
        var run = GraphRunner.RunAsync(graph.Graph, keys, options with { CancellationToken = stop.Token });
        _ = run.ContinueWith(t => channel.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        try
        {
            await foreach (var part in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                foreach (var item in part)
                {
                    yield return item;
                }
            }
            await run.ConfigureAwait(false);
        }
        finally
        {
            if (!run.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await run.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The reader stopped early: the cancellation was ours.
                }
            }
        }
    }

    private static object? WriteLines(IEnumerable<T> items, string path)
    {
        using var stream = TextStreams.OpenWrite(path);
        if (typeof(T) == typeof(string))
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            foreach (var item in items)
            {
                text.Write((string?)(object?)item);
                text.Write('\n');
            }
            return path;
        }
        using var json = new Utf8JsonWriter(stream);
        foreach (var item in items)
        {
            JsonSerializer.Serialize(json, item, PartitionCodec<T>.Options);
            json.Flush();
            json.Reset();
            stream.WriteByte((byte)'\n');
        }
        return path;
    }
}
