using System.Diagnostics;

namespace Tessera.Benchmarks;

/// <summary>The one timing loop the side-by-side benchmarks share: a warm-up run, then the median of the timed runs.</summary>
internal static class MedianTimer
{
    /// <summary>
    /// Runs <paramref name="run"/> once untimed (JIT, first touch of pages), then
    /// <paramref name="repeats"/> times, and returns the median in seconds. With
    /// <paramref name="collectFirst"/> each timed run starts after a full collection, so garbage
    /// from the previous run is not collected inside it.
    /// </summary>
    public static double Seconds(int repeats, Action run, bool collectFirst = false)
    {
        run();
        var times = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            if (collectFirst)
            {
                GC.Collect();
            }
            var watch = Stopwatch.StartNew();
            run();
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
