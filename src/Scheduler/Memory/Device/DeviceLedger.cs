namespace Tessera.Scheduling;

/// <summary>
/// The device accounts of one run: a <see cref="DeviceMemoryBudget"/> per device that holds results,
/// which budget counts each task's result, and how many running tasks read it. Created at the
/// first device-resident result, so a run without any pays nothing for it.
/// All members are called under the execution lock.
/// </summary>
internal sealed class DeviceLedger
{
    private readonly int _tasks;
    private readonly Func<Device, long> _limitOf;
    private readonly DeviceMemoryBudget?[] _holder;
    private readonly int[] _readers;
    private readonly IDeviceResident?[] _movedFrom;
    private readonly List<DeviceMemoryBudget> _budgets = [];
    private long _restoredBytes;
    private int _restores;

    /// <param name="tasks">Tasks of the run.</param>
    /// <param name="limitOf">The byte limit of a device, asked once per device the first time it holds a result.</param>
    public DeviceLedger(int tasks, Func<Device, long> limitOf)
    {
        _tasks = tasks;
        _limitOf = limitOf;
        _holder = new DeviceMemoryBudget?[tasks];
        _readers = new int[tasks];
        _movedFrom = new IDeviceResident?[tasks];
    }

    /// <summary>Bytes on every device together.</summary>
    public long Held { get; private set; }

    public long PeakHeld { get; private set; }

    /// <summary>The limit of the first device that held a result (what the summary reports).</summary>
    public long FirstLimit => _budgets[0].Limit;

    public long MovedBytes => _budgets.Sum(b => b.MovedBytes);

    public int Moves => _budgets.Sum(b => b.Moves);

    /// <summary>Bytes put back on a device for tasks that read moved results (counted without the lock).</summary>
    public long RestoredBytes => Interlocked.Read(ref _restoredBytes);

    public int Restores => Volatile.Read(ref _restores);

    /// <summary>True when a device is over its limit and holds something that may move.</summary>
    public bool MustMove
    {
        get
        {
            foreach (var budget in _budgets)
            {
                if (budget.MustMove)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// The device result <paramref name="task"/>'s slot held before it moved to host (disposed; it
    /// only knows its device), or null when it never moved. Set under the lock before any task that
    /// reads the moved result starts, and never cleared, so workers may read it without the lock.
    /// </summary>
    public IDeviceResident? MovedFrom(int task) => _movedFrom[task];

    /// <summary>A moved result was put back on its device for a task (thread-safe).</summary>
    public void CountRestore(long bytes)
    {
        Interlocked.Add(ref _restoredBytes, bytes);
        Interlocked.Increment(ref _restores);
    }

    /// <summary>Whether <paramref name="task"/>'s slot holds a device result counted here.</summary>
    public bool Holds(int task) => _holder[task] is not null;

    /// <summary>A finished task's device result is now held; <paramref name="movable"/> when the run owns it.</summary>
    public void Stored(int task, IDeviceResident result, bool movable)
    {
        var budget = For(result.Device);
        budget.Stored(task, result.ByteSize, movable);
        _holder[task] = budget;
        Held += result.ByteSize;
        PeakHeld = Math.Max(PeakHeld, Held);
    }

    /// <summary>A task starts that reads <paramref name="task"/>'s result: if on a device, it is in use and most recently used.</summary>
    public void ReaderStarted(int task)
    {
        if (_holder[task] is { } budget)
        {
            _readers[task]++;
            budget.Used(task);
        }
    }

    /// <summary>A task that read <paramref name="task"/>'s result finished (call before releasing the result).</summary>
    public void ReaderFinished(int task)
    {
        if (_holder[task] is not null)
        {
            _readers[task]--;
        }
    }

    /// <summary>The last consumer of <paramref name="task"/>'s device result finished.</summary>
    public void Released(int task, IDeviceResident result)
    {
        _holder[task]!.Released(task, result.ByteSize);
        _holder[task] = null;
        Held -= result.ByteSize;
    }

    /// <summary>Chooses results to move to host on every device over its limit; returns whether any were chosen.</summary>
    public bool ChooseVictims(object?[] results, List<DeviceMove> moves)
    {
        var chosen = false;
        foreach (var budget in _budgets)
        {
            chosen |= budget.MustMove && budget.ChooseVictims(results, _readers, moves);
        }
        return chosen;
    }

    /// <summary>
    /// After <paramref name="move"/>'s host copy was made (<paramref name="copy"/>; null when it failed):
    /// swaps the copy into the slot when the slot still holds the original and no task reads it.
    /// Returns whether it did; the caller then frees the original and counts the copy on the host.
    /// </summary>
    public bool FinishMove(in DeviceMove move, ISpillable? copy, object?[] results)
    {
        var stillHeld = ReferenceEquals(results[move.Task], move.Value);
        var moved = copy is not null && stillHeld && _readers[move.Task] == 0;
        move.Budget.MoveFinished(move, moved, stillHeld);
        if (moved)
        {
            results[move.Task] = copy;
            _movedFrom[move.Task] = move.Value;
            _holder[move.Task] = null;
            Held -= move.Bytes;
        }
        return moved;
    }

    private DeviceMemoryBudget For(Device device)
    {
        foreach (var budget in _budgets)
        {
            if (budget.Device == device)
            {
                return budget;
            }
        }
        var added = new DeviceMemoryBudget(device, _limitOf(device), _tasks);
        _budgets.Add(added);
        return added;
    }
}
