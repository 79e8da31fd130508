using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Serialization;

namespace Tessera.Distributed.Worker;

/// <summary>
/// A worker's engine, one per silo: a FIFO of tasks and dedicated threads that run them, outside
/// any grain turn (Orleans turns are for short calls; a task may run for hours). A thread takes a
/// task, gathers its inputs (from this worker's store, else from the peer worker holding them, in
/// one call per peer), runs the function, keeps the result and reports the outcome. The client
/// sends only tasks whose inputs exist, so a thread never waits on another task here.
/// </summary>
internal sealed class WorkerRuntime : IDisposable
{
    private readonly BlockingCollection<(ClientSession Session, TaskSpec Spec)> _queue = new(new ConcurrentQueue<(ClientSession, TaskSpec)>());
    private readonly ConcurrentDictionary<Guid, ClientSession> _sessions = new();
    private readonly IGrainFactory _grains;
    private readonly WorkerSettings _settings;
    private readonly Thread[] _threads;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _peers = new(StringComparer.Ordinal);

    public WorkerRuntime(IGrainFactory grains, ILocalSiloDetails silo, WorkerSettings settings)
    {
        if (settings.Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Threads,
                "WorkerSettings.Threads must be at least 1 (the number of tasks this worker runs at once).");
        }
        _grains = grains;
        _settings = settings;
        Key = silo.SiloAddress.ToParsableString();
        _threads = new Thread[settings.Threads];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"tessera-task-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>This worker's grain key: its silo's address.</summary>
    public string Key { get; }

    public WorkerInfo Attach(Guid client, string secret, CodeAssembly[] code, IClientCallbacks callbacks)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(_settings.Secret)))
        {
            throw new UnauthorizedAccessException(
                $"Worker {_settings.Name} refused a client: the secret it presented is not this cluster's. " +
                "Connect with the cluster's secret (LocalCluster passes its own; a remote cluster's is in its configuration).");
        }
        var session = _sessions.GetOrAdd(client, id => new ClientSession(id, new ClientCodeContext(id, code), callbacks, Key));
        return new WorkerInfo { Name = _settings.Name, Threads = _threads.Length, ProcessId = Environment.ProcessId };
    }

    public async Task Detach(Guid client)
    {
        if (_sessions.TryRemove(client, out var session))
        {
            await session.CloseAsync().ConfigureAwait(false);
        }
    }

    public void LoadGraph(Guid client, string run, byte[] payload)
    {
        var session = Session(client);
        session.Graphs[run] = (TaskCall[])PayloadReader.Read(payload, session.Code.Resolve)!;
    }

    public void DropGraph(Guid client, string run)
    {
        if (_sessions.TryGetValue(client, out var session))
        {
            session.Graphs.TryRemove(run, out _);
        }
    }

    public void Enqueue(Guid client, TaskSpec[] tasks)
    {
        var session = Session(client);
        foreach (var task in tasks)
        {
            _queue.Add((session, task));
        }
    }

    public DataReply GetData(Guid client, string[] keys)
    {
        var session = Session(client);
        var values = new object?[keys.Length];
        var missing = new List<string>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (!session.Store.TryGetValue(keys[i], out values[i]))
            {
                missing.Add(keys[i]);
            }
        }
        return new DataReply { Payload = PayloadWriter.Write(values, "the requested results"), Missing = [.. missing] };
    }

    public void PeerLost(string worker)
    {
        var gone = new CancellationTokenSource();
        gone.Cancel();
        var previous = _peers.GetOrAdd(worker, gone);
        previous.Cancel();
    }

    /// <summary>Cancelled when the client reports <paramref name="worker"/> lost; fetches from it wait on this.</summary>
    private CancellationToken PeerToken(string worker) => _peers.GetOrAdd(worker, _ => new CancellationTokenSource()).Token;

    public void Release(Guid client, string[] keys)
    {
        if (_sessions.TryGetValue(client, out var session))
        {
            foreach (var key in keys)
            {
                session.Store.TryRemove(key, out _);
            }
        }
    }

    private ClientSession Session(Guid client) =>
        _sessions.TryGetValue(client, out var session)
            ? session
            : throw new InvalidOperationException($"Client {client} has not attached to worker {_settings.Name}; call Attach first.");

    private void Work()
    {
        foreach (var (session, spec) in _queue.GetConsumingEnumerable())
        {
            // Nothing may escape a raw thread (it would end the process, and with an in-process
            // test cluster the test host): a task whose session closed under it as the silo stops
            // is dropped, since the client recomputes what it never heard about; any other fault
            // is reported as the task's failure.
            try
            {
                session.Report(Execute(session, spec));
            }
            catch (Exception) when (_queue.IsAddingCompleted)
            {
            }
            catch (Exception e)
            {
                session.Report(Failed(spec.Key, e));
            }
        }
    }

    private TaskOutcome Execute(ClientSession session, TaskSpec spec)
    {
        object? result;
        try
        {
            var call = spec.GraphRun is { } run
                ? session.Graphs.TryGetValue(run, out var calls) ? calls[spec.GraphIndex]
                    : throw new InvalidOperationException($"Worker {_settings.Name} has no graph run '{run}' (it was not loaded, or was dropped).")
                : (TaskCall)PayloadReader.Read(spec.Payload, session.Code.Resolve)!;
            var inputs = GatherInputs(session, spec, out var missing);
            if (missing is not null)
            {
                return new TaskOutcome { Key = spec.Key, Kind = OutcomeKind.InputMissing, MissingKey = missing };
            }
            var args = new object?[call.Args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = call.Args[i] is InputRef input ? inputs[input.Index] : call.Args[i];
            }
            result = call.Invoke(args);
        }
        catch (Exception e)
        {
            return Failed(spec.Key, e);
        }
        session.Store[spec.Key] = result;
        return Finished(spec.Key, result);
    }

    private TaskOutcome Finished(string key, object? result)
    {
        // Only plain values are sent along: serialising a chunk (an intermediate nobody may
        // gather) on every task would cost more than the one fetch a gather needs.
        if (!IsPlainValue(result))
        {
            return new TaskOutcome { Key = key, Kind = OutcomeKind.Finished, Bytes = -1 };
        }
        byte[] bytes;
        try
        {
            bytes = PayloadWriter.Write(result, $"the result of task '{key}'");
        }
        catch (CaptureNotSerializableException)
        {
            return new TaskOutcome { Key = key, Kind = OutcomeKind.Finished, Bytes = -1 }; // stays here; fails only if gathered
        }
        return new TaskOutcome
        {
            Key = key,
            Kind = OutcomeKind.Finished,
            Bytes = bytes.Length,
            Value = bytes.Length <= _settings.InlineResultLimit ? bytes : null,
        };
    }

    private bool IsPlainValue(object? result) => result switch
    {
        null or string or decimal => true,
        Array array => array.Rank == 1 && TypeRules.IsBlittable(array.GetType().GetElementType()!) &&
            Buffer.ByteLength(array) <= _settings.InlineResultLimit,
        _ => result.GetType() is { IsPrimitive: true } or { IsEnum: true } ||
            (result.GetType().IsValueType && TypeRules.IsBlittable(result.GetType())),
    };

    private static TaskOutcome Failed(string key, Exception e) => new()
    {
        Key = key,
        Kind = OutcomeKind.Failed,
        ErrorType = e.GetType().FullName,
        ErrorMessage = e.Message,
        ErrorStack = e.ToString(),
    };

    private object?[] GatherInputs(ClientSession session, TaskSpec spec, out string? missing)
    {
        missing = null;
        var inputs = new object?[spec.InputKeys.Length];
        Dictionary<string, List<int>>? remote = null;
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!session.Store.TryGetValue(spec.InputKeys[i], out inputs[i]))
            {
                remote ??= [];
                var worker = spec.InputWorkers[i];
                if (!remote.TryGetValue(worker, out var list))
                {
                    remote[worker] = list = [];
                }
                list.Add(i);
            }
        }
        if (remote is null)
        {
            return inputs;
        }
        foreach (var (worker, positions) in remote)
        {
            var keys = positions.Select(p => spec.InputKeys[p]).ToArray();
            DataReply reply;
            try
            {
                // Orleans fails calls to a silo once membership declares it dead; the client's
                // word (PeerLost) usually comes sooner, from LocalCluster seeing the process exit.
                reply = _grains.GetGrain<IWorkerGrain>(worker).GetData(session.Id, keys)
                    .WaitAsync(TimeSpan.FromSeconds(60), PeerToken(worker)).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                missing = keys[0]; // the holder is gone: the client recomputes the input elsewhere
                return inputs;
            }
            if (reply.Missing.Length > 0)
            {
                missing = reply.Missing[0];
                return inputs;
            }
            var values = (object?[])PayloadReader.Read(reply.Payload, session.Code.Resolve)!;
            for (var j = 0; j < positions.Count; j++)
            {
                inputs[positions[j]] = values[j];
                // Keep a copy: the next task here that reads it needs no transfer (dask does the same).
                session.Store.TryAdd(keys[j], values[j]);
            }
        }
        return inputs;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var session in _sessions.Values)
        {
            _ = session.CloseAsync();
        }
    }
}
