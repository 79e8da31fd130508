namespace Tessera.Scheduling;

/// <summary>
/// One device's accounting for one run: bytes of device-resident results held, the
/// least-recently-used order of those the run may move, and what was moved to host.
///
/// Policy (the host tier's, one level up; see <see cref="HostMemoryBudget"/>):
/// - Every device result counts at <see cref="IHasByteSize.ByteSize"/> against this device's limit
///   (<see cref="ComputeOptions.DeviceMemoryLimit"/>, else 80% of the device's memory).
/// - Past the limit, the least recently used movable results that no running task reads are
///   chosen until what stays fits; a worker copies them to host outside the lock, and only then
///   are their slots swapped for the host copies and the device memory freed. Results read by a
///   running task are skipped, not waited for: freeing them would pull memory from under a kernel.
/// - Results the run does not own (constants, arguments passed through, the caller's outputs) count
///   but never move: freeing them would break whoever else holds them.
/// - There is no admission control on a device: a task's output is counted once it exists, so a
///   device may briefly hold more than its limit; the next worker to take a task moves the excess.
/// All members are called under the execution lock.
/// </summary>
internal sealed class DeviceMemoryBudget
{
    private readonly LruList _lru;

    public DeviceMemoryBudget(Device device, long limit, int tasks)
    {
        Device = device;
        Limit = limit;
        _lru = new LruList(tasks);
    }

    public Device Device { get; }

    public long Limit { get; }

    /// <summary>Bytes of results on the device, including those being copied to host.</summary>
    public long Held { get; private set; }

    /// <summary>Bytes chosen to move whose host copies are being made now.</summary>
    public long Pending { get; private set; }

    public long PeakHeld { get; private set; }

    /// <summary>Bytes moved to host over the run.</summary>
    public long MovedBytes { get; private set; }

    public int Moves { get; private set; }

    /// <summary>True when the device holds more than its limit beyond what is already moving, and something may move.</summary>
    public bool MustMove => Held - Pending > Limit && _lru.Count > 0;

    /// <summary>A result of <paramref name="bytes"/> is now held; <paramref name="movable"/> when the run owns it.</summary>
    public void Stored(int task, long bytes, bool movable)
    {
        Held += bytes;
        PeakHeld = Math.Max(PeakHeld, Held);
        if (movable)
        {
            _lru.Touch(task);
        }
    }

    /// <summary>A task starts that reads <paramref name="task"/>'s result: it becomes the most recently used.</summary>
    public void Used(int task)
    {
        if (_lru.Contains(task))
        {
            _lru.Touch(task);
        }
    }

    /// <summary>The result's last consumer finished (or it moved to host): its bytes leave the device.</summary>
    public void Released(int task, long bytes)
    {
        Held -= bytes;
        _lru.Remove(task);
    }

    /// <summary>
    /// Chooses least recently used movable results that no running task reads (<paramref name="readers"/>
    /// is 0) until at most <see cref="Limit"/> bytes stay; returns whether any were chosen. Chosen
    /// results leave the LRU list and count as <see cref="Pending"/> until <see cref="MoveFinished"/>.
    /// </summary>
    public bool ChooseVictims(object?[] results, int[] readers, List<DeviceMove> moves)
    {
        var chosen = moves.Count;
        var task = _lru.Oldest;
        while (Held - Pending > Limit && task >= 0)
        {
            var next = _lru.Newer(task);
            if (readers[task] == 0 && results[task] is IDeviceResident value)
            {
                _lru.Remove(task);
                Pending += value.ByteSize;
                moves.Add(new DeviceMove(task, value, value.ByteSize, this));
            }
            task = next;
        }
        return moves.Count > chosen;
    }

    /// <summary>
    /// A chosen result's copy ended: it moved to host (<paramref name="moved"/>), or it stays because
    /// the copy failed or a task started reading it meanwhile (<paramref name="stillHeld"/>: it may be chosen again).
    /// </summary>
    public void MoveFinished(in DeviceMove move, bool moved, bool stillHeld)
    {
        Pending -= move.Bytes;
        if (moved)
        {
            Released(move.Task, move.Bytes);
            MovedBytes += move.Bytes;
            Moves++;
        }
        else if (stillHeld)
        {
            _lru.Touch(move.Task);
        }
    }
}

/// <summary>A device result chosen to move to host: its task, the object, its bytes and the budget that counts it.</summary>
internal readonly record struct DeviceMove(int Task, IDeviceResident Value, long Bytes, DeviceMemoryBudget Budget);
