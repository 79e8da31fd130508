using System.Runtime.CompilerServices;

namespace Tessera.Scheduling;

/// <summary>
/// The host tier's accounting for one run: bytes of results held in memory and on disk, the
/// least-recently-used order of spillable results, and the size estimates that admit root tasks.
///
/// Policy (the memory manager's design, in the spirit of dask's worker memory management and its
/// root-task queuing, distributed#6360 / #2602):
/// - Every stored result counts at <see cref="ResultSize.Of(object?)"/>: exactly for
///   <see cref="IHasByteSize"/>/<see cref="ISpillable"/>, an estimate otherwise.
/// - When the bytes in memory pass the limit, the least recently used spillable results are
///   chosen until what stays is under it; a worker writes them to disk outside the lock and only
///   then are their slots swapped for <see cref="SpilledResult"/> handles (so a reader always sees
///   either the object or a handle, both valid). Results used by a task that starts are touched,
///   so inputs of running tasks are the last to go.
/// - Root tasks (no dependencies: loads, random generation) start only while the bytes in memory
///   plus the estimated outputs of running roots plus this root's estimate fit the limit. The
///   estimate of a root is the size of the first finished root of the same kind (dask's task
///   groups); until one finishes the estimate is 0. Without this, idle workers would load every
///   chunk of a big file before the reductions that consume them get a turn.
/// - Never deadlock: when a root does not fit and nothing runs or spills, room is made by
///   spilling; if nothing can be spilled the root runs anyway, alone. A task whose own inputs and
///   output exceed the limit therefore still runs, one at a time.
/// All members are called under the execution lock.
/// </summary>
internal sealed class HostMemoryBudget
{
    private readonly int _tasks;
    private readonly long[] _workerRootBytes;
    private readonly int[] _workerRootSlot;
    private readonly Dictionary<string, int> _kindSlots = new(StringComparer.Ordinal);
    private readonly List<long> _kindEstimates = [];
    private LruList? _lru;
    private string? _lastKind;
    private int _lastSlot;

    public HostMemoryBudget(int tasks, int workers, long limit)
    {
        Limit = limit;
        _tasks = tasks;
        _workerRootBytes = new long[workers];
        _workerRootSlot = new int[workers];
        Array.Fill(_workerRootSlot, -1);
    }

    public long Limit { get; }

    /// <summary>Bytes of results in memory, including those whose spill is being written.</summary>
    public long Held { get; private set; }

    /// <summary>Bytes chosen to spill whose files are being written now.</summary>
    public long Pending { get; private set; }

    /// <summary>Bytes of results in spill files.</summary>
    public long OnDisk { get; private set; }

    public long PeakHeld { get; private set; }

    public long PeakOnDisk { get; private set; }

    public long SpilledBytes { get; private set; }

    public long RestoredBytes { get; private set; }

    public int Spills { get; private set; }

    public int Restores { get; private set; }

    /// <summary>Estimated bytes of the root tasks running now.</summary>
    public long RunningRootBytes { get; private set; }

    /// <summary>Set while a root waits for room, so finishing tasks wake the workers waiting for it.</summary>
    public bool RootsWaiting { get; set; }

    /// <summary>True once a spillable result was stored: from then on starting tasks touch the LRU order.</summary>
    public bool HasSpillableResults => _lru is not null;

    /// <summary>True when memory holds more than the limit beyond what is already being spilled.</summary>
    public bool MustSpill => Held - Pending > Limit && _lru is { Count: > 0 };

    /// <summary>The run's figures; with <paramref name="devices"/> (when device results existed) the device tier's too.</summary>
    public MemorySummary Summary(DeviceLedger? devices = null)
    {
        var tiers = Enum.GetValues<MemoryTier>().Length;
        var spilled = new long[tiers];
        var restored = new long[tiers];
        var peak = new long[tiers];
        spilled[(int)MemoryTier.Host] = SpilledBytes;
        restored[(int)MemoryTier.Host] = RestoredBytes;
        peak[(int)MemoryTier.Host] = PeakHeld;
        peak[(int)MemoryTier.Disk] = PeakOnDisk;
        if (devices is null)
        {
            return new MemorySummary(Limit, spilled, restored, peak, Spills, Restores);
        }
        spilled[(int)MemoryTier.Device] = devices.MovedBytes;
        restored[(int)MemoryTier.Device] = devices.RestoredBytes;
        peak[(int)MemoryTier.Device] = devices.PeakHeld;
        return new MemorySummary(Limit, spilled, restored, peak, Spills + devices.Moves, Restores + devices.Restores)
        {
            DeviceLimit = devices.FirstLimit,
        };
    }

    /// <summary>A finished task's result is now held in memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Stored(int task, long bytes, bool spillable)
    {
        Held += bytes;
        if (Held > PeakHeld)
        {
            PeakHeld = Held;
        }
        if (spillable)
        {
            (_lru ??= new LruList(_tasks)).Touch(task);
        }
    }

    /// <summary>A task starts that reads <paramref name="task"/>'s result: it becomes the most recently used.</summary>
    public void Used(int task)
    {
        if (_lru is { } lru && lru.Contains(task))
        {
            lru.Touch(task);
        }
    }

    /// <summary>
    /// The result's last consumer finished. Returns the handle whose file should be deleted
    /// when the result was on disk. The size is measured again rather than stored per task
    /// (a per-task array would cost a cache miss per task); sizes of held results do not change.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SpilledResult? Released(int task, object? slot)
    {
        if (slot is SpilledResult spilled)
        {
            OnDisk -= spilled.Bytes;
            return spilled;
        }
        Held -= ResultSize.Of(slot);
        _lru?.Remove(task);
        return null;
    }

    /// <summary>
    /// Chooses least recently used spillable results until at most <paramref name="target"/>
    /// bytes stay in memory; returns whether any were chosen. Chosen results leave the LRU
    /// list and count as <see cref="Pending"/> until <see cref="SpillFinished"/>.
    /// </summary>
    public bool ChooseVictims(long target, object?[] results, List<SpillVictim> victims)
    {
        if (_lru is not { } lru)
        {
            return false;
        }
        while (Held - Pending > target && lru.Oldest is var task and >= 0)
        {
            lru.Remove(task);
            if (results[task] is ISpillable value)
            {
                Pending += value.ByteSize;
                victims.Add(new SpillVictim(task, value, value.ByteSize));
            }
        }
        return victims.Count > 0;
    }

    /// <summary>A chosen result's spill ended: written (<paramref name="moved"/>) or abandoned.</summary>
    public void SpillFinished(in SpillVictim victim, bool moved)
    {
        Pending -= victim.Bytes;
        if (!moved)
        {
            return;
        }
        Held -= victim.Bytes;
        OnDisk += victim.Bytes;
        SpilledBytes += victim.Bytes;
        Spills++;
        if (OnDisk > PeakOnDisk)
        {
            PeakOnDisk = OnDisk;
        }
    }

    /// <summary>A spilled result is back in memory.</summary>
    public void Restored(int task, long bytes)
    {
        OnDisk -= bytes;
        RestoredBytes += bytes;
        Restores++;
        Stored(task, bytes, spillable: true);
    }

    /// <summary>
    /// Admits a root of <paramref name="kind"/> on <paramref name="worker"/> when its estimated output
    /// fits beside what is held and what running roots will produce; <paramref name="force"/>
    /// admits it regardless. Returns whether it was admitted.
    /// </summary>
    public bool AdmitRoot(string kind, int worker, bool force)
    {
        var slot = Slot(kind);
        var bytes = Math.Max(_kindEstimates[slot], 0);
        if (!force && Held + RunningRootBytes + bytes > Limit)
        {
            return false;
        }
        RunningRootBytes += bytes;
        _workerRootBytes[worker] = bytes;
        _workerRootSlot[worker] = slot;
        return true;
    }

    /// <summary>The estimate of the next root of <paramref name="kind"/> (0 until one has finished).</summary>
    public long RootEstimate(string kind) => Math.Max(_kindEstimates[Slot(kind)], 0);

    /// <summary>
    /// A task without dependencies finished on <paramref name="worker"/>: if it was an admitted
    /// root, its estimate becomes a real result, and the first one of its kind sets the estimate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RootFinished(int worker, long bytes)
    {
        var slot = _workerRootSlot[worker];
        if (slot < 0)
        {
            return; // a constant: never admitted
        }
        RunningRootBytes -= _workerRootBytes[worker];
        _workerRootBytes[worker] = 0;
        _workerRootSlot[worker] = -1;
        if (_kindEstimates[slot] < 0)
        {
            _kindEstimates[slot] = bytes;
        }
    }

    private int Slot(string kind)
    {
        // Roots of one layer share one kind string: comparing references first skips hashing.
        if (ReferenceEquals(kind, _lastKind))
        {
            return _lastSlot;
        }
        if (!_kindSlots.TryGetValue(kind, out var slot))
        {
            slot = _kindEstimates.Count;
            _kindSlots[kind] = slot;
            _kindEstimates.Add(-1);
        }
        (_lastKind, _lastSlot) = (kind, slot);
        return slot;
    }
}

/// <summary>A result chosen to spill: its task, the object, and the bytes it counts for.</summary>
internal readonly record struct SpillVictim(int Task, ISpillable Value, long Bytes);
