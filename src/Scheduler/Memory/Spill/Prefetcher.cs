namespace Tessera.Scheduling;

/// <summary>
/// Reads spilled results back on the thread pool before the task that needs them starts, so disk
/// reads overlap the current task's compute. A prefetch only warms the handle: the consuming
/// task still puts the result back in its slot (and counts it), and a prefetch that fails leaves
/// its error in the handle for that task to report. One per run: the run waits for its
/// prefetches (<see cref="WaitIdle"/>) before it removes the spill folder they read from, so no
/// read outlives the run.
/// </summary>
internal sealed class Prefetcher(SpillStore store)
{
    private readonly object _gate = new(); // Monitor, not Lock: WaitIdle waits on it
    private int _inFlight;

    public void Queue(SpilledResult spilled)
    {
        if (!spilled.TryClaimPrefetch())
        {
            return;
        }
        lock (_gate)
        {
            _inFlight++;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static work =>
        {
            try
            {
                work.Spilled.Restore(work.Self.Store);
            }
            catch (Exception)
            {
                // Kept in the handle (any exception: this is a pool thread, where one escaping ends
                // the process); the consuming task rethrows it with the key and the file.
            }
            finally
            {
                work.Self.Finished();
            }
        }, (Spilled: spilled, Self: this), preferLocal: false);
    }

    private SpillStore Store => store;

    /// <summary>Blocks until every queued prefetch has finished.</summary>
    public void WaitIdle()
    {
        lock (_gate)
        {
            while (_inFlight > 0)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    private void Finished()
    {
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
