namespace Tessera.Kernels.Cpu;

/// <summary>
/// Runs the parts of one multi-threaded managed GEMM: part 0 on the caller, the rest on pool
/// threads, and returns when all are done.
/// </summary>
/// <remarks>
/// A plain fork-join rather than <c>Parallel.For</c>: with two or three parts the partitioner's
/// bookkeeping and task replication cost more than the work of a mid-sized GEMM, and the caller
/// doing a share itself means one fewer thread has to wake up.
/// </remarks>
internal static class GemmParallel
{
    /// <summary>Invokes <paramref name="body"/>(0 … parts-1) concurrently; rethrows the first failure.</summary>
    public static void For(int parts, Action<int> body)
    {
        using var done = new CountdownEvent(parts - 1);
        Exception? failure = null;
        for (int part = 1; part < parts; part++)
        {
            int p = part;
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                try
                {
                    body(p);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
                finally
                {
                    done.Signal();
                }
            }, null);
        }
        try
        {
            body(0);
        }
        finally
        {
            done.Wait();
        }
        if (failure is not null)
        {
            throw new AggregateException("a managed GEMM worker failed", failure);
        }
    }
}
