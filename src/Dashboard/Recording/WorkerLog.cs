using System.Runtime.InteropServices;

namespace Tessera.Diagnostics;

/// <summary>
/// The tasks one worker thread finished, appended by that worker alone and read by any thread.
/// This is the observer's whole cost on the scheduler's hot path, so it takes no lock: the worker
/// fills fixed-size segments and publishes the count after the record is written, and readers
/// read the count first, so they only ever see complete records. The worker's running task sits in
/// two fields that readers sample (a moment old at worst).
/// </summary>
internal sealed class WorkerLog
{
    // 4,096 records of 40 bytes a segment: one allocation per 4,096 tasks of a worker.
    private const int SegmentShift = 12;
    private const int SegmentSize = 1 << SegmentShift;

    private TaskRecord[]?[] _segments = new TaskRecord[]?[64];
    private Hot _hot = new() { RunningTask = -1 };

    /// <summary>
    /// The fields the worker writes on every task, with a cache line of padding on each side:
    /// two workers' logs are allocated next to each other, and without it each worker's writes
    /// would evict the other's line (false sharing), which measured as several percent of the run.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Hot
    {
        [FieldOffset(64)] public int Count;
        [FieldOffset(68)] public int RunningTask;
        [FieldOffset(72)] public long RunningStart;
    }

    /// <summary>Records appended so far.</summary>
    public int Count => Volatile.Read(ref _hot.Count);

    /// <summary>What the worker runs now: a task index and its start, or (-1, 0) when nothing.</summary>
    public (int Task, long Start) Running
    {
        get
        {
            var task = Volatile.Read(ref _hot.RunningTask); // first: the start was written before the index
            return (task, Volatile.Read(ref _hot.RunningStart));
        }
    }

    /// <summary>Called by the owning worker only: it started task <paramref name="task"/>.</summary>
    public void Started(int task, long start)
    {
        _hot.RunningStart = start;
        Volatile.Write(ref _hot.RunningTask, task);
    }

    /// <summary>Called by the owning worker only (two overlapping runs sharing a worker index may lose records, never fault).</summary>
    public void Append(in TaskRecord record)
    {
        var index = _hot.Count;
        var segment = index >> SegmentShift;
        var segments = _segments;
        if (segment >= segments.Length)
        {
            var grown = new TaskRecord[]?[Math.Max(segments.Length * 2, segment + 1)];
            Array.Copy(segments, grown, segments.Length);
            Volatile.Write(ref _segments, grown);
            segments = grown;
        }
        var block = segments[segment] ??= NewSegment();
        block[index & (SegmentSize - 1)] = record;
        _hot.RunningTask = -1;
        Volatile.Write(ref _hot.Count, index + 1); // publishes the record
    }

    /// <summary>
    /// Segments live on the pinned object heap: they outlive many young collections (a run's log
    /// lives as long as the run), and there they are never copied on promotion, which was most
    /// of what recording cost once the records held no references. Unzeroed: every slot is
    /// written before the count makes it visible.
    /// </summary>
    private static TaskRecord[] NewSegment() => GC.AllocateUninitializedArray<TaskRecord>(SegmentSize, pinned: true);

    /// <summary>Record <paramref name="index"/>, which must be below a <see cref="Count"/> read earlier.</summary>
    public ref readonly TaskRecord this[int index] =>
        ref Volatile.Read(ref _segments)[index >> SegmentShift]![index & (SegmentSize - 1)];
}
