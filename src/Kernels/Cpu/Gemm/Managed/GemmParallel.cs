namespace Tessera.Kernels.Cpu;

/// <summary>
/// Runs the parts of one multi-threaded managed GEMM on the caller plus pool threads, and
/// returns when all are done.
/// </summary>
/// <remarks>
/// Parts are claimed from a shared counter, and the caller keeps claiming until none are left
/// before it waits. So a call never depends on a pool thread becoming free: when the pool is
/// saturated (every scheduler worker inside a GEMM) the caller simply does all parts itself and
/// the queued helpers find nothing to do. A plain fork-join rather than <c>Parallel.For</c>,
/// whose partitioning and task replication cost more than the work of a mid-sized GEMM.
/// </remarks>
internal static class GemmParallel
{
    /// <summary>Invokes <paramref name="body"/>(0 … parts-1), concurrently where threads are free; rethrows the first failure.</summary>
    public static void For(int parts, Action<int> body)
    {
        var run = new Run(parts, body);
        for (int helper = 1; helper < parts; helper++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static r => r.Work(), run, preferLocal: false);
        }
        run.Work();
        run.WaitAll();
    }

    private sealed class Run(int parts, Action<int> body)
    {
        private readonly CountdownEvent _done = new(parts);
        private int _next = -1;
        private Exception? _failure;

        public void Work()
        {
            int part;
            while ((part = Interlocked.Increment(ref _next)) < parts)
            {
                try
                {
                    body(part);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, e, null);
                }
                finally
                {
                    _done.Signal();
                }
            }
        }

        public void WaitAll()
        {
            // Only the caller disposes: late helpers touch nothing but _next once all parts are claimed.
            _done.Wait();
            _done.Dispose();
            if (_failure is not null)
            {
                throw new AggregateException("a managed GEMM worker failed", _failure);
            }
        }
    }
}
