using System.Diagnostics;

namespace Tessera.Diagnostics;

/// <summary>
/// A text progress bar: percent, tasks done of total, elapsed time and an estimate of the
/// time left, redrawn in place at most every <see cref="MinimumInterval"/>. Silent when the
/// output is not a terminal (logs, CI) unless <c>force</c> is set, so redirected output
/// stays free of carriage-return noise.
/// </summary>
public sealed class ConsoleProgressBar : IComputeObserver
{
    private const int BarWidth = 30;
    private readonly TextWriter _output;
    private readonly bool _enabled;
    private readonly Lock _gate = new();
    private int _total;
    private int _done;
    private long _start;
    private long _lastDraw;

    /// <summary>A bar on <see cref="Console.Out"/> (or <paramref name="output"/>).</summary>
    /// <param name="output">Where to draw; the console by default.</param>
    /// <param name="force">Draw even when the output is redirected.</param>
    public ConsoleProgressBar(TextWriter? output = null, bool force = false)
    {
        _output = output ?? Console.Out;
        _enabled = force || (output is null && !Console.IsOutputRedirected);
    }

    /// <summary>Least time between two redraws (100 ms by default).</summary>
    public TimeSpan MinimumInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public void OnRunStarted(ComputeRun run)
    {
        lock (_gate)
        {
            _total = run.TaskCount;
            _done = 0;
            _start = run.StartTimestamp;
            _lastDraw = 0;
        }
    }

    /// <inheritdoc />
    public void OnTaskFinished(in TaskEvent task)
    {
        if (!_enabled)
        {
            return;
        }
        lock (_gate)
        {
            _done++;
            var now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(_lastDraw, now) >= MinimumInterval)
            {
                _lastDraw = now;
                _output.Write("\r" + Render(_done, _total, Stopwatch.GetElapsedTime(_start, now)));
                _output.Flush();
            }
        }
    }

    /// <inheritdoc />
    public void OnRunFinished(ComputeRun run, Exception? error)
    {
        if (!_enabled)
        {
            return;
        }
        lock (_gate)
        {
            var line = Render(_done, _total, Stopwatch.GetElapsedTime(_start));
            _output.WriteLine("\r" + line + (error is null ? "" : "  (failed)"));
            _output.Flush();
        }
    }

    /// <summary>One line of the bar, e.g. "[###############               ]  50% | 500/1000 | 1.2s elapsed | ETA 1.2s".</summary>
    public static string Render(int done, int total, TimeSpan elapsed)
    {
        var fraction = total == 0 ? 1.0 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var eta = done == 0 ? "?" : Seconds(elapsed * ((double)(total - done) / done));
        return $"[{new string('#', filled)}{new string(' ', BarWidth - filled)}] {fraction * 100,3:0}% | " +
               $"{done}/{total} | {Seconds(elapsed)} elapsed | ETA {eta}";
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.0}s" : $"{(int)span.TotalMinutes}m{span.Seconds:00}s";
}
