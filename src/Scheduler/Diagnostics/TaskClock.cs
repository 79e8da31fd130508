using System.Diagnostics;

namespace Tessera.Scheduling;

/// <summary>
/// The clock of one run's task events, in <see cref="Stopwatch"/> ticks, so that observers can mix
/// its timestamps with the Stopwatch's. Where <see cref="CycleCounter"/> serves, it reads the
/// processor's counter and converts: ticks = the run's anchor + (counter − the anchor's counter) ×
/// ticks per count. The rate is measured once per process against the Stopwatch; each run takes a
/// fresh anchor, so a rate off by the calibration's error (a few parts in 100,000) moves a
/// timestamp by that fraction of the run's length, a few microseconds in a long run. Elsewhere it
/// is the Stopwatch itself.
/// </summary>
internal readonly unsafe struct TaskClock
{
    private readonly ulong _anchorCount;
    private readonly long _anchorTicks;
    private readonly double _ticksPerCount;

    private TaskClock(ulong anchorCount, long anchorTicks, double ticksPerCount)
    {
        _anchorCount = anchorCount;
        _anchorTicks = anchorTicks;
        _ticksPerCount = ticksPerCount;
    }

    /// <summary>Whether this clock reads the processor's counter (false: the Stopwatch).</summary>
    public bool ReadsCounter => _ticksPerCount > 0;

    /// <summary>A clock anchored now. The first one of a process measures the counter's rate (about 2 ms).</summary>
    public static TaskClock Start()
    {
        var rate = Rate.TicksPerCount;
        if (rate <= 0)
        {
            return default;
        }
        var (count, ticks) = Pair();
        return new TaskClock(count, ticks, rate);
    }

    /// <summary>Now, in Stopwatch ticks.</summary>
    public long Now()
    {
        if (_ticksPerCount <= 0)
        {
            return Stopwatch.GetTimestamp();
        }
        // Signed: a thread moved to a core whose counter trails by a little gives a small negative delta, not a wrap.
        var delta = (long)(CycleCounter.Read() - _anchorCount);
        return _anchorTicks + (long)(delta * _ticksPerCount);
    }

    /// <summary>
    /// A counter reading and a Stopwatch reading taken together: of five tries, the one whose two
    /// counter reads around the Stopwatch lie closest, so a preempted try does not skew it.
    /// </summary>
    private static (ulong Count, long Ticks) Pair()
    {
        var best = (Count: 0UL, Ticks: 0L);
        var narrowest = ulong.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = CycleCounter.Read();
            var ticks = Stopwatch.GetTimestamp();
            var after = CycleCounter.Read();
            if (after >= before && after - before < narrowest)
            {
                narrowest = after - before;
                best = (before + (after - before) / 2, ticks);
            }
        }
        return best;
    }

    /// <summary>The counter's rate in Stopwatch ticks per count, measured once; 0 when the counter is not used or misbehaves.</summary>
    private static class Rate
    {
        public static readonly double TicksPerCount = Measure();

        private static double Measure()
        {
            if (!CycleCounter.IsUsed)
            {
                return 0;
            }
            var (count0, ticks0) = Pair();
            var window = Stopwatch.Frequency / 500; // 2 ms: the pairs' jitter, tens of ns, is then a few parts in 100,000
            while (Stopwatch.GetTimestamp() - ticks0 < window)
            {
                Thread.SpinWait(20);
            }
            var (count1, ticks1) = Pair();
            // A counter that did not advance, or ran backwards, is no clock: keep the Stopwatch.
            return count1 > count0 && ticks1 > ticks0 ? (double)(ticks1 - ticks0) / (count1 - count0) : 0;
        }
    }
}
