namespace Tessera.Kernels.Cpu;

/// <summary>
/// Serialises changes of OpenBLAS's thread count while letting calls that want the same count
/// run concurrently.
/// </summary>
/// <remarks>
/// OpenBLAS 0.3.21 (Debian 12) has only the process-wide <c>openblas_set_num_threads</c>; the
/// per-call <c>openblas_set_num_threads_local</c> arrived in 0.3.27. Setting the global count
/// while another thread is inside a GEMM would change that call's parallelism mid-flight, so a
/// call first waits until no call with a different count is running, then sets the count (only
/// when it differs) and enters. In the normal case every scheduler worker asks for one thread:
/// the count is set once, no call ever waits, and OpenBLAS runs each call on its caller's thread.
/// Mixed counts serialise by group; that is correct, merely slower, and rare.
/// </remarks>
internal sealed unsafe class BlasThreadGate(OpenBlas.Library library)
{
    // A plain object, not System.Threading.Lock: waiting needs Monitor.Wait.
    private readonly object _lock = new();
    private int _current = -1;
    private int _active;

    /// <summary>Waits until OpenBLAS may run with <paramref name="threads"/> threads, and claims it.</summary>
    public Scope Enter(int threads)
    {
        lock (_lock)
        {
            while (_active > 0 && _current != threads)
            {
                Monitor.Wait(_lock);
            }
            if (_current != threads)
            {
                library.SetNumThreads(threads);
                _current = threads;
            }
            _active++;
        }
        return new Scope(this);
    }

    private void Exit()
    {
        lock (_lock)
        {
            if (--_active == 0)
            {
                Monitor.PulseAll(_lock);
            }
        }
    }

    /// <summary>Releases the claim on dispose.</summary>
    internal readonly ref struct Scope(BlasThreadGate gate)
    {
        /// <summary>Leaves the gate.</summary>
        public void Dispose() => gate.Exit();
    }
}
