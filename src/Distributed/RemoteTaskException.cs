namespace Tessera.Distributed;

/// <summary>
/// The exception a task threw on a worker, as the client sees it: the worker's exception type
/// and message (its object stays on the worker, whose types the client may not share), and the
/// worker's full text with the stack in <see cref="RemoteText"/>.
/// </summary>
public sealed class RemoteTaskException : Exception
{
    /// <summary>Creates the exception from what the worker reported.</summary>
    public RemoteTaskException(string remoteType, string message, string remoteText, string worker)
        : base($"{remoteType} on {worker}: {message}")
    {
        RemoteType = remoteType;
        RemoteText = remoteText;
        Worker = worker;
    }

    /// <summary>The full name of the exception type thrown on the worker.</summary>
    public string RemoteType { get; }

    /// <summary>The worker's ToString() of the exception, stack trace included.</summary>
    public string RemoteText { get; }

    /// <summary>The worker that ran the task.</summary>
    public string Worker { get; }
}
