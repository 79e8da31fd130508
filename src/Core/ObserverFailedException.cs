namespace Tessera;

/// <summary>
/// An <see cref="IComputeObserver"/> threw from one of its methods. Observers run on the
/// scheduler's worker threads, so the scheduler catches what they throw, stops the run as it
/// would for a failed task, and rethrows this to the caller once every worker has stopped.
/// <see cref="Exception.InnerException"/> is what the observer threw.
/// </summary>
public sealed class ObserverFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="observer"/>, which threw <paramref name="inner"/> from <paramref name="eventName"/>.</summary>
    public ObserverFailedException(IComputeObserver observer, string eventName, Exception inner)
        : base($"The observer {observer?.GetType().FullName ?? "(null)"} threw from {eventName}: {inner?.GetType().Name}: {inner?.Message} " +
            "The run stopped. Observers are called on worker threads and must not throw: catch inside the observer, " +
            "or remove it from ComputeOptions.Observers.", inner)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(eventName);
        Observer = observer;
        EventName = eventName;
    }

    /// <summary>The observer that threw.</summary>
    public IComputeObserver Observer { get; }

    /// <summary>The <see cref="IComputeObserver"/> method it threw from, e.g. "OnTaskFinished".</summary>
    public string EventName { get; }
}
