using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Host arrays that tasks borrow for blocks they read and consume themselves (a reduction reading
/// its file blocks in its own task), handed back when the task ends and reused by the next one,
/// in this run or a later one.
/// </summary>
/// <remarks>
/// Why: a fresh 128 MiB array per block costs more than reading it (every page is faulted in
/// and zeroed by the kernel, and the collector returns the memory to the OS between blocks),
/// which held HDF5 reductions to a fraction of the file's read speed. Returned arrays are held
/// weakly, so an idle pool is emptied by the next full collection; a borrower holds its array
/// strongly. Nothing read into a borrowed array may outlive the borrow.
/// </remarks>
internal static class ScratchBlocks
{
    private const int MaxPooled = 16;
    private static readonly List<WeakReference<Array>> s_returned = [];

    /// <summary>An array of at least <paramref name="length"/> elements, the caller's until <see cref="Return"/>.</summary>
    public static T[] Rent<T>(long length) where T : unmanaged
    {
        lock (s_returned)
        {
            // Prefer the smallest array that fits, so one large block does not take every buffer.
            var best = -1;
            T[]? chosen = null;
            for (var i = s_returned.Count - 1; i >= 0; i--)
            {
                if (!s_returned[i].TryGetTarget(out var held))
                {
                    s_returned.RemoveAt(i);
                    best = best > i ? best - 1 : best;
                    continue;
                }
                if (held is T[] typed && typed.LongLength >= length && (chosen is null || typed.LongLength < chosen.LongLength))
                {
                    (best, chosen) = (i, typed);
                }
            }
            if (chosen is not null)
            {
                s_returned.RemoveAt(best);
                return chosen;
            }
        }
        return HostArrays.Allocate<T>(length, zeroed: false); // refuses lengths no array can hold
    }

    /// <summary>Gives <paramref name="array"/> back for reuse; the caller must hold no view of it any more.</summary>
    public static void Return(Array array)
    {
        ArgumentNullException.ThrowIfNull(array);
        lock (s_returned)
        {
            if (s_returned.Count < MaxPooled)
            {
                s_returned.Add(new WeakReference<Array>(array));
            }
        }
    }
}
