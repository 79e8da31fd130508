using System.Collections.Concurrent;
using System.Threading.Channels;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Worker;

/// <summary>
/// One client's state on a worker: its code, the results it holds here, and the channel through
/// which finished tasks are reported back in batches (one callback carries many outcomes, which is
/// what makes thousands of tiny tasks cheap).
/// </summary>
internal sealed class ClientSession
{
    private readonly Channel<TaskOutcome> _reports = Channel.CreateUnbounded<TaskOutcome>(new() { SingleReader = true });
    private readonly Task _reporter;

    public ClientSession(Guid id, ClientCodeContext code, IClientCallbacks callbacks, string worker)
    {
        Id = id;
        Code = code;
        Callbacks = callbacks;
        _reporter = Task.Run(() => ReportLoop(worker));
    }

    public Guid Id { get; }
    public ClientCodeContext Code { get; }
    public IClientCallbacks Callbacks { get; }

    /// <summary>Results held on this worker, by task key.</summary>
    public ConcurrentDictionary<string, object?> Store { get; } = new(StringComparer.Ordinal);

    /// <summary>The calls of graph runs in progress, by run.</summary>
    public ConcurrentDictionary<string, TaskCall[]> Graphs { get; } = new(StringComparer.Ordinal);

    public void Report(TaskOutcome outcome) => _reports.Writer.TryWrite(outcome);

    public async Task CloseAsync()
    {
        _reports.Writer.TryComplete();
        await _reporter.ConfigureAwait(false);
        Store.Clear();
        Code.Unload();
    }

    private async Task ReportLoop(string worker)
    {
        var batch = new List<TaskOutcome>();
        while (await _reports.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 4096 && _reports.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }
            try
            {
                await Callbacks.Completed(worker, [.. batch]).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The client is gone or unreachable; it recomputes what it never heard about.
            }
            batch.Clear();
        }
    }
}
