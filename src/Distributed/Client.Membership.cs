using Orleans.Runtime;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Scheduling;

namespace Tessera.Distributed;

public sealed partial class Client
{
    /// <summary>Silos whose names start with this run no worker (LocalCluster's membership silo).</summary>
    internal const string NonWorkerSiloPrefix = "tessera-scheduler";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(3);
    private const int FailedPollsBeforeLost = 3;
    private readonly Dictionary<string, DateTime> _attachFailedAt = [];

    /// <summary>
    /// Watches membership (Orleans' view: it detects dead silos by probing): attaches to new
    /// workers, declares gone ones lost. Polls that fail several times in a row mean this client
    /// has lost the cluster: pending futures fail with <see cref="ClusterConnectionLostException"/>.
    /// </summary>
    private async Task MonitorLoopAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, stop).ConfigureAwait(false);
                await RefreshWorkersAsync(stop).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (++failures >= FailedPollsBeforeLost)
                {
                    _scheduler.Break(new TimeoutException(
                        $"the cluster at {Address} did not answer {failures} membership checks in a row ({e.GetType().Name}: {e.Message}).", e));
                    return;
                }
            }
        }
    }

    private async Task WaitForWorkersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await RefreshWorkersAsync(cancellationToken).ConfigureAwait(false);
                if (_scheduler.WorkerCount > 0)
                {
                    return;
                }
            }
            catch (UnauthorizedAccessException)
            {
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"No Tessera worker joined the cluster at {Address} within {timeout.TotalSeconds:0} s" +
                    (last is null ? "." : $"; the last attempt failed with {last.GetType().Name}: {last.Message}") +
                    " Check that worker processes are running and use this cluster's address and secret.", last);
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RefreshWorkersAsync(CancellationToken cancellationToken)
    {
        var management = _orleans.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true).WaitAsync(PollTimeout, cancellationToken).ConfigureAwait(false);
        var active = new HashSet<string>();
        var attaches = new List<Task>();
        foreach (var host in hosts)
        {
            if (host.Status != SiloStatus.Active || host.SiloName.StartsWith(NonWorkerSiloPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var key = host.SiloAddress.ToParsableString();
            active.Add(key);
            if (!_scheduler.Knows(key) && !_scheduler.WasLost(key) && !RecentlyFailed(key))
            {
                attaches.Add(AttachAsync(key, cancellationToken));
            }
        }
        await Task.WhenAll(attaches).ConfigureAwait(false);
        foreach (var worker in _scheduler.Workers)
        {
            if (!active.Contains(worker.Key))
            {
                _scheduler.WorkerLost(worker.Key, "the cluster declared its silo dead");
            }
        }
    }

    private async Task AttachAsync(string key, CancellationToken cancellationToken)
    {
        var grain = _orleans.GetGrain<IWorkerGrain>(key);
        WorkerInfo info;
        try
        {
            info = await grain.Attach(_scheduler.ClientId, _secret, _code, _callbackReference)
                .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException)
        {
            throw;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not a worker (no worker runtime on that silo), still starting, or just died: try
            // again later; membership is what declares a silo gone.
            lock (_attachFailedAt)
            {
                _attachFailedAt[key] = DateTime.UtcNow;
            }
            return;
        }
        var worker = new WorkerLink(key, grain, info);
        // A worker joining mid-run (a restarted one) needs the calls of the runs in progress first.
        await Task.WhenAll(_graphs.Keys.Select(run => LoadGraphAsync(worker, run))).ConfigureAwait(false);
        _scheduler.AddWorker(worker);
    }

    private bool RecentlyFailed(string key)
    {
        lock (_attachFailedAt)
        {
            return _attachFailedAt.TryGetValue(key, out var at) && DateTime.UtcNow - at < TimeSpan.FromSeconds(5);
        }
    }

    /// <summary>Tells the scheduler at once that a worker is gone (LocalCluster sees its process exit before membership does).</summary>
    internal void ReportWorkerLost(int port, string reason)
    {
        foreach (var worker in _scheduler.Workers)
        {
            if (SiloAddress.FromParsableString(worker.Key).Endpoint.Port == port)
            {
                _scheduler.WorkerLost(worker.Key, reason);
            }
        }
    }
}
