using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Tessera.Distributed.Scheduling;
using Tessera.Distributed.Serialization;

namespace Tessera.Distributed;

public sealed partial class Client
{
    /// <summary>
    /// Waits for <paramref name="futures"/> and brings their results here, in order, as dask's
    /// <c>client.gather</c>. Small results came with the workers' completion notices; large ones
    /// are fetched from their holders, one call per worker. A failed task throws its
    /// <see cref="TaskFailedException"/>.
    /// </summary>
    public async Task<T[]> GatherAsync<T>(IEnumerable<Future<T>> futures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        var list = futures.ToList();
        if (list.FirstOrDefault(f => f.Released) is { } released)
        {
            throw new InvalidOperationException(
                $"Future '{released.Key}' was released, so its result is gone; gather futures before releasing them, or submit the work again.");
        }
        var records = list.Select(f => f.Record).ToArray();
        var values = await GatherRecordsAsync(records, cancellationToken).ConfigureAwait(false);
        // The futures must outlive the gather: one collected meanwhile would release its result.
        GC.KeepAlive(list);
        var results = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            results[i] = (T)values[i]!;
        }
        return results;
    }

    /// <summary>
    /// Runs <paramref name="futures"/> to the end without keeping their results, as dask's
    /// <c>fire_and_forget</c>: for tasks run for their side effects (writing files, say). The
    /// futures are released at once; the scheduler still runs each task (and its inputs) and
    /// drops the result when it finishes. Releasing a future never cancels its task here.
    /// </summary>
    public void FireAndForget<T>(IEnumerable<Future<T>> futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        foreach (var future in futures)
        {
            future.Release();
        }
    }

    /// <summary>
    /// Cancels the futures that have not finished, as dask's <c>client.cancel</c>: they and the
    /// futures depending on them fail with <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Cancel<T>(IEnumerable<Future<T>> futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        _scheduler.Cancel(futures.Select(f => f.Record));
    }

    /// <summary>Yields each future as soon as it finishes (or fails), as dask's <c>as_completed</c>.</summary>
    public async IAsyncEnumerable<Future<T>> AsCompleted<T>(IEnumerable<Future<T>> futures,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        var list = futures.ToList();
        var done = Channel.CreateUnbounded<Future<T>>();
        foreach (var future in list)
        {
            _ = future.Record.Done.Task.ContinueWith((_, state) => done.Writer.TryWrite((Future<T>)state!), future,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        for (var i = 0; i < list.Count; i++)
        {
            yield return await done.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<object?[]> GatherRecordsAsync(TaskRecord[] records, CancellationToken cancellationToken)
    {
        await WhenAllDone(records, cancellationToken).ConfigureAwait(false);
        var values = new object?[records.Length];
        var pending = new List<int>();
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i].Value is { } bytes)
            {
                values[i] = PayloadReader.Read(bytes, PayloadReader.DefaultResolve);
            }
            else
            {
                pending.Add(i);
            }
        }
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (_scheduler.Broken is { } broken)
            {
                throw new ClusterConnectionLostException(broken);
            }
            if (attempt > 0)
            {
                // A holder died between finishing and our fetch: the scheduler recomputes the result elsewhere.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)), cancellationToken).ConfigureAwait(false);
                await WhenAllDone([.. pending.Select(p => records[p])], cancellationToken).ConfigureAwait(false);
            }
            pending = await FetchAsync(records, pending, values, cancellationToken).ConfigureAwait(false);
        }
        return values;
    }

    private async Task<List<int>> FetchAsync(TaskRecord[] records, List<int> pending, object?[] values, CancellationToken cancellationToken)
    {
        var retry = new List<int>();
        var byHolder = new Dictionary<WorkerLink, List<int>>();
        foreach (var i in pending)
        {
            if (_scheduler.Holder(records[i]) is { } holder)
            {
                if (!byHolder.TryGetValue(holder, out var list))
                {
                    byHolder[holder] = list = [];
                }
                list.Add(i);
            }
            else
            {
                retry.Add(i);
            }
        }
        foreach (var (holder, positions) in byHolder)
        {
            try
            {
                var reply = await holder.Grain.GetData(_scheduler.ClientId, [.. positions.Select(p => records[p].Key)])
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                var fetched = (object?[])PayloadReader.Read(reply.Payload, PayloadReader.DefaultResolve)!;
                var missing = reply.Missing.ToHashSet();
                for (var j = 0; j < positions.Count; j++)
                {
                    if (missing.Contains(records[positions[j]].Key))
                    {
                        retry.Add(positions[j]);
                    }
                    else
                    {
                        values[positions[j]] = fetched[j];
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                retry.AddRange(positions);
            }
        }
        return retry;
    }

    private static async Task WhenAllDone(TaskRecord[] records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            // In order, so the first failure in the caller's order is the one thrown.
            await record.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
