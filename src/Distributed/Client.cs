using Microsoft.Extensions.Hosting;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Scheduling;
using Tessera.Scheduling;
using OrleansClient = Orleans.IClusterClient;

namespace Tessera.Distributed;

/// <summary>
/// A connection to a Tessera cluster, as dask.distributed's Client: <see cref="Submit{TResult}(Func{TResult})"/>
/// and <see cref="Map{T, TResult}(Func{T, TResult}, IEnumerable{T})"/> start work at once and return
/// futures; <see cref="GatherAsync{T}(IEnumerable{Future{T}}, CancellationToken)"/> brings results back;
/// as <see cref="ComputeOptions.Client"/> it runs any collection's task graph on the cluster.
/// The scheduler (graph state, placement, recovery) lives in this object; workers are Orleans silos.
/// </summary>
public sealed partial class Client : Tessera.IClusterClient, IGraphExecutor, IRemoteResultSource, IAsyncDisposable
{
    private readonly OrleansClient _orleans;
    private readonly string _secret;
    private readonly CodeAssembly[] _code;
    private readonly ClusterScheduler _scheduler;
    private readonly CancellationTokenSource _stop = new();
    private readonly IHost? _ownedHost;
    private readonly ClientCallbacks _callbacks;
    private IClientCallbacks _callbackReference = null!;
    private Task _flush = Task.CompletedTask;
    private Task _monitor = Task.CompletedTask;
    private long _counter;
    private int _disposed;

    private Client(OrleansClient orleans, string secret, string address, IHost? ownedHost)
    {
        _orleans = orleans;
        _secret = secret;
        Address = address;
        _ownedHost = ownedHost;
        _scheduler = new ClusterScheduler(Guid.NewGuid());
        _callbacks = new ClientCallbacks(_scheduler);
        _code = CodeShipping.ClientAssemblies();
    }

    /// <summary>Where this client is connected ("127.0.0.1:30000").</summary>
    public string Address { get; }

    /// <summary>The number of workers this client can use now.</summary>
    public int WorkerCount => _scheduler.WorkerCount;

    /// <summary>The process ids of the workers this client uses now (for diagnostics and tests).</summary>
    public IReadOnlyList<int> WorkerProcessIds => [.. _scheduler.Workers.Select(w => w.Info.ProcessId)];

    /// <summary>
    /// Connects through an Orleans client already connected to a cluster whose silos host Tessera
    /// workers (<c>AddTesseraWorker</c>), presenting <paramref name="secret"/>. Waits until at least
    /// one worker is attached, at most <paramref name="timeout"/> (30 s when null).
    /// </summary>
    public static Task<Client> ConnectAsync(OrleansClient orleans, string secret, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orleans);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return StartAsync(new Client(orleans, secret, "orleans", null), timeout, cancellationToken);
    }

    internal static async Task<Client> StartAsync(Client client, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        try
        {
            client._callbackReference = client._orleans.CreateObjectReference<IClientCallbacks>(client._callbacks);
            client._flush = Task.Run(() => client._scheduler.FlushLoopAsync(client._stop.Token));
            await client.WaitForWorkersAsync(timeout ?? TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            client._monitor = Task.Run(() => client.MonitorLoopAsync(client._stop.Token));
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Detaches from every worker (their copies of this client's data and code go) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        DetachFromLocalCluster();
        _stop.Cancel();
        _scheduler.Break(new ObjectDisposedException(nameof(Client), "The client was disposed."));
        await Task.WhenAll(_flush, _monitor).ConfigureAwait(false);
        if (_scheduler.Broken is not ClusterConnectionLostException)
        {
            var detaches = _scheduler.Workers.Select(w => w.Grain.Detach(_scheduler.ClientId).WaitAsync(TimeSpan.FromSeconds(2)));
            try
            {
                await Task.WhenAll(detaches).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A worker that cannot be reached drops this client's session when it ends.
            }
        }
        if (_callbackReference is not null)
        {
            _orleans.DeleteObjectReference<IClientCallbacks>(_callbackReference);
        }
        if (_ownedHost is not null)
        {
            try
            {
                await _ownedHost.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The cluster may already be gone; stopping the client host has nothing left to do.
            }
            _ownedHost.Dispose();
        }
        _stop.Dispose();
    }

    private string NextKey(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}";

    /// <summary>The graph state, for tests that look inside.</summary>
    internal ClusterScheduler Scheduler => _scheduler;

    internal void ReleaseRecords(TaskRecord[] records) => _scheduler.Release(records);

    internal void AbandonRecord(TaskRecord record) => _scheduler.Abandon(record);
}
