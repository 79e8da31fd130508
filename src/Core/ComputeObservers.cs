namespace Tessera;

/// <summary>
/// Observers of every computation in this process, beside each run's own
/// <see cref="ComputeOptions.Observers"/>. A dashboard or a performance report registers here so
/// that it sees all work without the caller threading it through every options object, as dask's
/// dashboard sees every compute of its client.
/// </summary>
public static class ComputeObservers
{
    private static readonly Lock Gate = new();

    // Copy-on-write: a run reads the array once, without a lock, when it starts.
    private static IComputeObserver[] _registered = [];

    /// <summary>The observers registered now, in registration order.</summary>
    public static IReadOnlyList<IComputeObserver> Registered => Volatile.Read(ref _registered);

    /// <summary>
    /// Adds <paramref name="observer"/> to every run that starts from now on, until the returned
    /// handle is disposed. Runs already working do not see it.
    /// </summary>
    public static IDisposable Add(IComputeObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (Gate)
        {
            _registered = [.. _registered, observer];
        }
        return new Registration(observer);
    }

    /// <summary>A run's observers: its own first, then the registered ones (each once).</summary>
    public static IReadOnlyList<IComputeObserver> For(ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registered = Volatile.Read(ref _registered);
        if (registered.Length == 0)
        {
            return options.Observers;
        }
        return [.. options.Observers, .. registered.Where(o => !options.Observers.Contains(o))];
    }

    private static void Remove(IComputeObserver observer)
    {
        lock (Gate)
        {
            var index = Array.IndexOf(_registered, observer);
            if (index >= 0)
            {
                _registered = [.. _registered[..index], .. _registered[(index + 1)..]];
            }
        }
    }

    private sealed class Registration(IComputeObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Remove(observer);
            }
        }
    }
}
