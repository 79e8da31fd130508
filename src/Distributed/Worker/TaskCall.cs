namespace Tessera.Distributed.Worker;

/// <summary>
/// What a task payload holds: the function and its arguments, where an argument that is another
/// task's result is an <see cref="InputRef"/> the worker replaces with the fetched value.
/// </summary>
internal sealed class TaskCall
{
    public required Delegate Function { get; init; }
    public required object?[] Args { get; init; }

    /// <summary>Calls the function; a <see cref="Tessera.Scheduling.TaskFunction"/> takes its arguments as a span, any other delegate by reflection.</summary>
    public object? Invoke(object?[] args)
    {
        if (Function is Tessera.Scheduling.TaskFunction graphTask)
        {
            return graphTask(args);
        }
        try
        {
            return Function.DynamicInvoke(args);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

/// <summary>Stands for input <see cref="Index"/> of the task (its key is the spec's InputKeys[Index]).</summary>
internal sealed class InputRef
{
    public int Index { get; init; }
}
