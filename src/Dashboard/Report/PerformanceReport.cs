using System.Diagnostics;

namespace Tessera.Diagnostics;

/// <summary>
/// Records every computation of this process while it is open and, when disposed, writes one
/// self-contained HTML file (no network needed to open it): the task stream, progress per kind,
/// CPU and memory over time, the profile and each run's options, after dask's
/// <c>performance_report</c> and its ResourceProfiler/Profiler plots.
/// <code>using (PerformanceReport.Start("report.html")) { x.Sum().Compute(); }</code>
/// </summary>
public sealed class PerformanceReport : IDisposable
{
    private readonly RunRecorder _recorder = new();
    private readonly ResourceSampler _sampler = new(capacity: 36_000); // an hour at 10 samples a second
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly IDisposable _registration;
    private readonly long _start = Stopwatch.GetTimestamp();
    private int _disposed;

    private PerformanceReport(string path, string title)
    {
        Path = path;
        Title = title;
        _registration = ComputeObservers.Add(_recorder);
        // The first sample is taken here, not by the timer: on a busy machine the timer's first
        // tick can come after a short report has already been disposed.
        Sample();
        _timer = new Timer(_ => Sample(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The file written on <see cref="Dispose"/>.</summary>
    public string Path { get; }

    /// <summary>The report's heading.</summary>
    public string Title { get; }

    /// <summary>Starts recording; the report is written to <paramref name="path"/> when the result is disposed.</summary>
    /// <param name="path">An .html file; its folder must exist. An existing file is replaced.</param>
    /// <param name="title">The heading; "Tessera performance report" unless given.</param>
    public static PerformanceReport Start(string path, string? title = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The performance report '{path}' would go in '{folder}', which does not exist. Create the folder first, or give a path in an existing one.");
        }
        if (!full.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !full.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The performance report '{path}' is written as HTML; give a file name ending in .html (e.g. \"report.html\").", nameof(path));
        }
        return new PerformanceReport(full, title ?? "Tessera performance report");
    }

    private void Sample()
    {
        lock (_gate)
        {
            var current = _recorder.Current;
            _sampler.Sample(current is { Finished: false } ? current.Run.Memory : null);
        }
    }

    /// <summary>Stops recording and writes the report to <see cref="Path"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _registration.Dispose();
        _timer.Dispose();
        Sample(); // the last moment, so a short report has at least two samples
        lock (_gate)
        {
            var html = ReportWriter.Html(Title, _start, _recorder.Runs, _sampler.Samples);
            File.WriteAllText(Path, html);
        }
    }
}
