using Tessera.Distributed.Scheduling;
using Tessera.Scheduling;

namespace Tessera.Distributed;

/// <summary>Marks futures of any result type (the codec refuses them inside closures).</summary>
internal interface IFuture
{
    TaskRecord Record { get; }
    Client Owner { get; }
}

/// <summary>The state of a future, as dask's <c>Future.status</c>.</summary>
public enum FutureStatus
{
    /// <summary>Waiting for inputs, queued or running.</summary>
    Pending,

    /// <summary>The result exists on a worker.</summary>
    Finished,

    /// <summary>The task (or one of its inputs) failed.</summary>
    Error,
}

/// <summary>
/// A task running (or done) on the cluster, started at once by <see cref="Client.Submit{TResult}(Func{TResult})"/>.
/// Its result stays on the worker that computed it until gathered; passed as an argument of
/// another Submit, the worker running that task fetches it from its holder directly.
/// </summary>
public sealed class Future<T> : IFuture, IRemoteResult
{
    internal Future(Client owner, TaskRecord record)
    {
        Owner = owner;
        Record = record;
    }

    /// <summary>The task's key ("Inc-12").</summary>
    public string Key => Record.Name;

    /// <summary>True once the task finished or failed.</summary>
    public bool Done => Record.Done.Task.IsCompleted;

    /// <summary>Pending, finished or failed.</summary>
    public FutureStatus Status => Record.Done.Task.Status switch
    {
        TaskStatus.RanToCompletion => FutureStatus.Finished,
        TaskStatus.Faulted or TaskStatus.Canceled => FutureStatus.Error,
        _ => FutureStatus.Pending,
    };

    internal TaskRecord Record { get; }

    internal Client Owner { get; }

    TaskRecord IFuture.Record => Record;

    Client IFuture.Owner => Owner;

    IRemoteResultSource IRemoteResult.Source => Owner;

    /// <summary>Waits for the result and brings it to this process; a failed task throws <see cref="TaskFailedException"/>.</summary>
    public async Task<T> ResultAsync(CancellationToken cancellationToken = default) =>
        (await Owner.GatherAsync([this], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>True once <see cref="Release"/> was called.</summary>
    public bool Released => !Record.Wanted;

    /// <summary>
    /// Tells the cluster this result is no longer needed (dask's <c>future.release()</c>; also done
    /// when the future is garbage-collected): the workers drop it once every task reading it has
    /// finished. Passing it to a later Submit recomputes it; gathering it throws.
    /// </summary>
    public void Release()
    {
        if (Record.Wanted)
        {
            Owner.ReleaseRecords([Record]);
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Waits until the task has finished or failed, without fetching the result.</summary>
    public Task WaitAsync(CancellationToken cancellationToken = default) => Record.Done.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"<Future: {(Released ? "released" : Status.ToString().ToLowerInvariant())}, key: {Key}>";

    /// <summary>A future nobody can reach any more: its result may go (dask releases on garbage collection).</summary>
    ~Future() => Owner.AbandonRecord(Record);
}
