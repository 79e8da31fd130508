using System.Runtime.ExceptionServices;

namespace Tessera.IO.Zarr;

/// <summary>Runs per-chunk work in parallel and rethrows the first failure as itself, not wrapped in an AggregateException.</summary>
internal static class ZarrParallel
{
    public static void For(long count, Action<long> body)
    {
        if (count == 1)
        {
            body(0);
            return;
        }
        try
        {
            Parallel.For(0L, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
