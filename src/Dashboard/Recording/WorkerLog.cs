namespace Tessera.Diagnostics;

/// <summary>
/// The tasks one worker thread finished, appended by that worker alone and read by any thread.
/// This is the observer's whole cost on the scheduler's hot path, so it takes no lock: the worker
/// fills fixed-size segments and publishes the count after the record is written, and readers
/// read the count first, so they only ever see complete records. The worker's running task sits in
/// three fields that readers sample (a moment old at worst).
/// </summary>
internal sealed class WorkerLog
{
    private const int SegmentShift = 12;
    private const int SegmentSize = 1 << SegmentShift;

    private TaskRecord[]?[] _segments = new TaskRecord[]?[16];
    private int _count;

    /// <summary>The index of the task running now (valid while <see cref="RunningKind"/> is set).</summary>
    public volatile int RunningTask = -1;

    /// <summary>The running task's kind; null while the worker runs nothing.</summary>
    public volatile string? RunningKind;

    /// <summary>When the running task started.</summary>
    public long RunningStart;

    /// <summary>Records appended so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Called by the owning worker only (two overlapping runs sharing a worker index may lose records, never fault).</summary>
    public void Append(in TaskRecord record)
    {
        var index = _count;
        var segment = index >> SegmentShift;
        var segments = _segments;
        if (segment >= segments.Length)
        {
            var grown = new TaskRecord[]?[Math.Max(segments.Length * 2, segment + 1)];
            Array.Copy(segments, grown, segments.Length);
            Volatile.Write(ref _segments, grown);
            segments = grown;
        }
        var block = segments[segment] ??= new TaskRecord[SegmentSize];
        block[index & (SegmentSize - 1)] = record;
        Volatile.Write(ref _count, index + 1); // publishes the record
    }

    /// <summary>Record <paramref name="index"/>, which must be below a <see cref="Count"/> read earlier.</summary>
    public ref readonly TaskRecord this[int index] =>
        ref Volatile.Read(ref _segments)[index >> SegmentShift]![index & (SegmentSize - 1)];
}
