namespace Tessera.Scheduling;

/// <summary>
/// Reads spilled results back on the thread pool before the task that needs them starts, so disk
/// reads overlap the current task's compute. A prefetch only warms the handle: the consuming
/// task still puts the result back in its slot (and counts it), and a prefetch that fails leaves
/// its error in the handle for that task to report.
/// </summary>
internal static class Prefetcher
{
    public static void Queue(SpilledResult spilled, SpillStore store)
    {
        if (!spilled.TryClaimPrefetch())
        {
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static work =>
        {
            try
            {
                work.Spilled.Restore(work.Store);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // Kept in the handle; the consuming task rethrows it with the key and the file.
            }
        }, (Spilled: spilled, Store: store), preferLocal: false);
    }
}
