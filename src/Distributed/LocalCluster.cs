using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Worker;

namespace Tessera.Distributed;

/// <summary>
/// A cluster on this machine, as dask's LocalCluster: an in-process silo that holds membership
/// (Orleans' development clustering, whose table lives on its primary silo: keeping the primary in
/// this process means killing any worker never takes the cluster down) and accepts clients, plus
/// <see cref="LocalClusterOptions.Workers"/> worker processes, each a silo on loopback ports.
/// A worker that exits is restarted (unless <see cref="LocalClusterOptions.RestartWorkers"/> is
/// false), and connected clients hear of the exit at once rather than after Orleans' probes.
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private readonly LocalClusterOptions _options;
    private readonly IHost _scheduler;
    private readonly string _workerPath;
    private readonly Lock _gate = new();
    private readonly List<WorkerProcess> _workers = [];
    private bool _disposing;

    private LocalCluster(LocalClusterOptions options, string secret, IHost scheduler, int siloPort, int gatewayPort, string workerPath)
    {
        _options = options;
        Secret = secret;
        _scheduler = scheduler;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _workerPath = workerPath;
    }

    /// <summary>The address clients connect to ("127.0.0.1:PORT").</summary>
    public string Address => $"127.0.0.1:{GatewayPort}";

    /// <summary>The shared secret clients and workers present.</summary>
    public string Secret { get; }

    /// <summary>The process ids of the running workers.</summary>
    public IReadOnlyList<int> WorkerProcessIds
    {
        get
        {
            lock (_gate)
            {
                // After DisposeAsync the Process objects are released; none of them runs then.
                return _disposing ? [] : [.. _workers.Where(w => !w.Process.HasExited).Select(w => w.ProcessId)];
            }
        }
    }

    internal int SiloPort { get; }
    internal int GatewayPort { get; }

    /// <summary>Raised with a worker's silo port when its process exits.</summary>
    internal event Action<int, string>? WorkerExited;

    /// <summary>Starts the cluster and waits until every worker process has joined.</summary>
    public static async Task<LocalCluster> StartAsync(LocalClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalClusterOptions();
        if (options.Workers < 1 || options.ThreadsPerWorker < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"LocalClusterOptions asks for {options.Workers} workers with {options.ThreadsPerWorker} threads each; " +
                "both must be at least 1 (e.g. new LocalClusterOptions {{ Workers = 2, ThreadsPerWorker = 1 }}).");
        }
        var workerPath = FindWorker(options.WorkerPath);
        var secret = options.Secret ?? ClusterIdentity.NewSecret();
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var scheduler = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseDevelopmentClustering(primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, siloPort));
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterIdentity.ClusterId(secret);
                    o.ServiceId = ClusterIdentity.ServiceId;
                });
                silo.Configure<SiloOptions>(o => o.SiloName = Client.NonWorkerSiloPrefix);
                silo.Configure<ClusterMembershipOptions>(ClusterTuning.FastFailureDetection);
                silo.AddTesseraPlacement();
            })
            .Build();
        await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
        var cluster = new LocalCluster(options, secret, scheduler, siloPort, gatewayPort, workerPath);
        try
        {
            var starts = Enumerable.Range(0, options.Workers).Select(i => cluster.StartWorkerAsync(i, cancellationToken));
            await Task.WhenAll(starts).WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops every worker process (killing any that does not stop) and the membership silo.</summary>
    public async ValueTask DisposeAsync()
    {
        List<WorkerProcess> workers;
        lock (_gate)
        {
            if (_disposing)
            {
                return;
            }
            _disposing = true;
            workers = [.. _workers];
        }
        foreach (var worker in workers)
        {
            worker.Kill();
        }
        foreach (var worker in workers)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await worker.Process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Killed but not yet reaped after 10 s (a very loaded host): the kill stands, and
                // disposing only releases this side's handle.
            }
            worker.Process.Dispose();
        }
        try
        {
            await _scheduler.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping gave up waiting for a graceful leave; the process-local silo is gone regardless.
        }
        _scheduler.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindWorker(string? configured)
    {
        var candidates = new[]
        {
            configured,
            Path.Combine(AppContext.BaseDirectory, "tessera-worker.dll"),
            Environment.GetEnvironmentVariable("TESSERA_WORKER_PATH"),
        };
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(
            $"The worker program tessera-worker.dll was not found (looked at {string.Join(", ", candidates.Where(c => c is not null))}). " +
            "Reference the Tessera.Distributed.Worker project from your application, set LocalClusterOptions.WorkerPath, " +
            "or set TESSERA_WORKER_PATH to the file.");
    }
}
