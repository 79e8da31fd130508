namespace Tessera.Scheduling;

/// <summary>
/// The mutable state of one run, guarded by <see cref="Gate"/>: named collections for what
/// waits, what is ready, what runs and what is held, never a dictionary of dictionaries.
/// </summary>
internal sealed class ExecutionState
{
    public ExecutionState(CompiledGraph graph, int[] rank)
    {
        var n = graph.Count;
        Rank = rank;
        WaitingOn = new int[n];
        Consumers = new int[n];
        Results = new object?[n];
        ReadyStack = new int[n];
        for (var t = 0; t < n; t++)
        {
            WaitingOn[t] = graph.Dependencies(t).Length;
            Consumers[t] = graph.Dependents(t).Length;
        }
        foreach (var output in graph.Outputs)
        {
            IsOutput ??= new bool[n];
            if (!IsOutput[output])
            {
                IsOutput[output] = true;
                Consumers[output]++; // the caller is a consumer: outputs are never released
            }
        }
        var roots = Enumerable.Range(0, n).Where(t => WaitingOn[t] == 0).ToArray();
        PushReady(roots);
    }

    public object Gate { get; } = new();

    public int[] Rank { get; }

    /// <summary>Per task: dependencies not yet finished. Ready when it reaches 0.</summary>
    public int[] WaitingOn { get; }

    /// <summary>Per task: unfinished dependents, plus one when the caller asked for it. Released at 0.</summary>
    public int[] Consumers { get; }

    public bool[]? IsOutput { get; }

    /// <summary>Results held now; null once released.</summary>
    public object?[] Results { get; }

    /// <summary>LIFO stack of runnable tasks; the top is ReadyStack[ReadyCount - 1].</summary>
    public int[] ReadyStack { get; }

    public int ReadyCount { get; set; }

    public int Running { get; set; }

    public int Finished { get; set; }

    public int Held { get; set; }

    public int PeakHeld { get; set; }

    public int IdleWorkers { get; set; }

    /// <summary>Workers writing spill files outside the lock now.</summary>
    public int SpillingWorkers { get; set; }

    public bool Stopped { get; set; }

    public bool Canceled { get; set; }

    public Exception? Error { get; set; }

    public int FailedTask { get; set; } = -1;

    /// <summary>Pushes tasks that just became ready so that the lowest rank ends on top.</summary>
    public void PushReady(ReadOnlySpan<int> tasks)
    {
        var start = ReadyCount;
        foreach (var t in tasks)
        {
            ReadyStack[ReadyCount++] = t;
        }
        if (tasks.Length > 1)
        {
            var rank = Rank;
            // Highest rank first (bottom), lowest rank last (top of the stack).
            ReadyStack.AsSpan(start, tasks.Length).Sort((a, b) => rank[b].CompareTo(rank[a]));
        }
    }
}
