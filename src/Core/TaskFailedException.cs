namespace Tessera;

/// <summary>
/// A task of a computation threw. <see cref="TaskKey"/> names the task; the original
/// exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for the task named <paramref name="taskKey"/>.</summary>
    public TaskFailedException(string taskKey, Exception inner)
        : base($"Task '{taskKey}' failed: {inner.GetType().Name}: {inner.Message}", inner)
    {
        TaskKey = taskKey;
    }

    /// <summary>The key of the task that threw.</summary>
    public string TaskKey { get; }
}
