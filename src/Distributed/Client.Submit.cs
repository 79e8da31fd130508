using Tessera.Distributed.Scheduling;
using Tessera.Distributed.Serialization;
using Tessera.Distributed.Worker;

namespace Tessera.Distributed;

public sealed partial class Client
{
    /// <summary>
    /// Starts <paramref name="function"/> on each item at once, one task per item, as dask's
    /// <c>client.map</c>; the futures come back in item order.
    /// </summary>
    public IReadOnlyList<Future<TResult>> Map<T, TResult>(Func<T, TResult> function, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        return SubmitMany<TResult>(function, items.Select(i => new object?[] { i }));
    }

    /// <summary>Starts <paramref name="function"/> on the result of each future, on the worker that holds it where possible.</summary>
    public IReadOnlyList<Future<TResult>> Map<T, TResult>(Func<T, TResult> function, IEnumerable<Future<T>> items)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        return SubmitMany<TResult>(function, items.Select(i => new object?[] { i }));
    }

    /// <summary>Starts <paramref name="function"/> on pairs of items taken in step, as dask's map over two sequences.</summary>
    public IReadOnlyList<Future<TResult>> Map<T1, T2, TResult>(Func<T1, T2, TResult> function, IEnumerable<T1> first, IEnumerable<T2> second)
    {
        ArgumentNullException.ThrowIfNull(function);
        return SubmitMany<TResult>(function, first.Zip(second, (a, b) => new object?[] { a, b }));
    }

    /// <summary>
    /// Sends <paramref name="value"/> to a worker and returns a future for it, as dask's
    /// <c>client.scatter</c>: tasks given the future read it there instead of carrying it along.
    /// </summary>
    public async Task<Future<T>> ScatterAsync<T>(T value, CancellationToken cancellationToken = default)
    {
        var future = SubmitMany<T>(new Func<T, T>(Identity), [[value]], "scatter")[0];
        await future.WaitAsync(cancellationToken).ConfigureAwait(false);
        return future;
    }

    private static T Identity<T>(T value) => value;

    private Future<TResult> SubmitCore<TResult>(Delegate function, object?[] args) =>
        SubmitMany<TResult>(function, [args])[0];

    private List<Future<TResult>> SubmitMany<TResult>(Delegate function, IEnumerable<object?[]> calls, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        prefix ??= CodeShipping.FunctionName(function.Method);
        var futures = new List<Future<TResult>>();
        var records = new List<TaskRecord>();
        foreach (var call in calls)
        {
            var key = NextKey(prefix);
            var inputs = new List<TaskRecord>();
            var args = new object?[call.Length];
            for (var i = 0; i < call.Length; i++)
            {
                if (call[i] is IFuture future)
                {
                    if (future.Owner != this)
                    {
                        throw new ArgumentException(
                            $"Argument {i} of {prefix} is a future of another client ({future.Record.Name}); futures only work with the client that made them.");
                    }
                    args[i] = new InputRef { Index = inputs.Count };
                    inputs.Add(future.Record);
                }
                else
                {
                    args[i] = call[i];
                }
            }
            var payload = PayloadWriter.Write(new TaskCall { Function = function, Args = args }, $"the task {key}");
            var record = new TaskRecord(key, key, payload, [.. inputs]);
            records.Add(record);
            futures.Add(new Future<TResult>(this, record));
        }
        _scheduler.Add(records);
        return futures;
    }
}
