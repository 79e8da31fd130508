using System.Diagnostics;
using System.Globalization;
using Tessera.Diagnostics;
using Tessera.Scheduling;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.Scheduler;

/// <summary>
/// What watching costs the scheduler (issue #21: at most 5%): the scheduler-overhead graph
/// (n increments summed by a tree of adds, 2n − 1 tasks) run with nothing observing, with the
/// dashboard's recorder alone, with the dashboard open and a page connected to its event stream
/// from another process (curl, as a browser tab would), and with an observer that does nothing,
/// which is the scheduler's own cost of having observers (clock reads and calls). The runs are
/// interleaved in every repeat so the host's load hits them alike. It also prints the
/// dashboard's own CPU time (idle, and folding one run's records). Results: DashboardOverhead.md.
/// Args: [--n 100000] [--repeats 11] [--workers 2]
/// </summary>
internal sealed class DashboardOverhead : ISideBySide
{
    public string Name => "dashboard-overhead";

    public string Description => "scheduler time with the dashboard open vs nothing observing, 100,000-leaf tree";

    public void Run(string[] args)
    {
        var n = int.Parse(Text(args, "--n", "100000"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Text(args, "--repeats", "11"), CultureInfo.InvariantCulture);
        var workers = int.Parse(Text(args, "--workers", "2"), CultureInfo.InvariantCulture);
        var options = new ComputeOptions { MaxDegreeOfParallelism = workers };
        var (graph, top, _) = SchedulerOverhead.Build(n);
        Console.WriteLine($"dashboard-overhead: n = {n} ({graph.Count} tasks), {workers} workers, median of {repeats}, " +
                          $"{Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");

        // Each configuration is a function returning (wall s, process CPU s) of one run.
        (string Name, Func<(double, double)> Run)[] configurations =
        [
            ("nothing", () => Time(graph, top, options)),
            ("an empty observer", () => Time(graph, top, options with { Observers = [new EmptyObserver()] })),
            ("recorder only", () => Time(graph, top, options with { Observers = [new RunRecorder(keepRuns: 1)] })),
            ("dashboard open, page live", () => WithDashboardOpen(() => Time(graph, top, options))),
        ];
        // Warm every path up first, so tiered compilation has seen the observer calls before timing.
        foreach (var c in configurations)
        {
            for (var i = 0; i < 3; i++)
            {
                c.Run();
            }
        }
        var wall = configurations.Select(_ => new List<double>()).ToArray();
        var cpu = configurations.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < repeats; r++)
        {
            // The order rotates every repeat: a neighbour's build hits each configuration alike.
            for (var k = 0; k < configurations.Length; k++)
            {
                var c = (k + r) % configurations.Length;
                var (seconds, cpuSeconds) = configurations[c].Run();
                wall[c].Add(seconds);
                cpu[c].Add(cpuSeconds);
            }
        }
        var baseWall = Median(wall[0]);
        var baseCpu = Median(cpu[0]);
        PrintFoldCost(graph, top, options);
        var bestWall = wall[0].Min();
        var bestCpu = cpu[0].Min();
        Console.WriteLine("median of the repeats, then the best (least) of them, which a busy host disturbs least:");
        Console.WriteLine($"{"observing",-28} {"wall s",8} {"us/task",8} {"overhead",9} {"cpu s",8} {"overhead",9} | " +
                          $"{"best wall",9} {"overhead",9} {"best cpu",9} {"overhead",9}");
        for (var c = 0; c < configurations.Length; c++)
        {
            var w = Median(wall[c]);
            var p = Median(cpu[c]);
            Console.WriteLine($"{configurations[c].Name,-28} {w,8:0.000} {w * 1e6 / graph.Count,8:0.00} {Percent(w, baseWall),9} " +
                              $"{p,8:0.000} {Percent(p, baseCpu),9} | {wall[c].Min(),9:0.000} {Percent(wall[c].Min(), bestWall),9} " +
                              $"{cpu[c].Min(),9:0.000} {Percent(cpu[c].Min(), bestCpu),9}");
        }
    }

    /// <summary>The dashboard's own work for one run, timed apart: folding its records, and writing one status.</summary>
    private static void PrintFoldCost(TaskGraph graph, string top, ComputeOptions options)
    {
        var recorder = new RunRecorder(keepRuns: 1);
        GraphRunner.Run(graph, [top], options with { Observers = [recorder] });
        // CPU time, not wall time: on a loaded host this thread waits for a core most of the time.
        var process = Process.GetCurrentProcess();
        double CpuMs()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        var start = CpuMs();
        var aggregate = new RunAggregate(recorder.Current!);
        var created = CpuMs() - start;
        aggregate.Update();
        var folded = CpuMs() - start - created;
        var sampler = new ResourceSampler(600);
        for (var i = 0; i < 600; i++)
        {
            sampler.Sample(null);
        }
        using var buffer = new MemoryStream();
        start = CpuMs();
        for (var i = 0; i < 10; i++)
        {
            buffer.SetLength(0);
            using var json = new System.Text.Json.Utf8JsonWriter(buffer);
            StatusJson.Write(json, aggregate, sampler.Samples);
        }
        var status = (CpuMs() - start) / 10;
        GC.Collect();
        Thread.Sleep(2000); // background compilation and collection after the runs settle first
        start = CpuMs();
        Thread.Sleep(1000);
        Console.WriteLine($"no dashboard, idle: {CpuMs() - start:0.0} ms of CPU in a second");
        using (var dashboard = Dashboard.Start(port: 0))
        {
            Thread.Sleep(1000);
            start = CpuMs();
            Thread.Sleep(1000);
            Console.WriteLine($"dashboard open, no page: {CpuMs() - start:0.0} ms of CPU in a second");
            using (StartReader(new Uri(dashboard.Url, "/api/events")))
            {
                Thread.Sleep(1000);
                start = CpuMs();
                Thread.Sleep(1000);
                Console.WriteLine($"dashboard open, a page live: {CpuMs() - start:0.0} ms of CPU in a second");
            }
        }
        Console.WriteLine($"dashboard's own work for one run (CPU): set-up {created:0.0} ms, folding {graph.Count} records {folded:0.0} ms; " +
                          $"one status with 600 samples {status:0.0} ms, {buffer.Length / 1024} KiB");
    }

    /// <summary>
    /// Runs <paramref name="measure"/> with a dashboard open and a page reading its event stream in
    /// another process, as a browser tab does (curl, so that parsing the stream is not counted as
    /// this process's CPU time; without curl, a reader in this process, which is counted).
    /// </summary>
    private static (double, double) WithDashboardOpen(Func<(double, double)> measure)
    {
        using var dashboard = Dashboard.Start(port: 0);
        var events = new Uri(dashboard.Url, "/api/events");
        using var reader = StartReader(events);
        Thread.Sleep(600); // a couple of events out, and the server's start-up work settled, before timing
        var seconds = measure();
        reader.Dispose();
        return seconds;
    }

    private static IDisposable StartReader(Uri events)
    {
        try
        {
            var curl = Process.Start(new ProcessStartInfo("curl", ["-sN", "-o", "/dev/null", events.AbsoluteUri])
            {
                UseShellExecute = false,
            })!;
            return new Stopper(() =>
            {
                curl.Kill();
                curl.WaitForExit();
                curl.Dispose();
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            var http = new HttpClient();
            var stop = new CancellationTokenSource();
            var task = Task.Run(async () =>
            {
                using var stream = await http.GetStreamAsync(events, stop.Token);
                await stream.CopyToAsync(Stream.Null, stop.Token);
            });
            return new Stopper(() =>
            {
                stop.Cancel();
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                    // cancelled, as asked
                }
                http.Dispose();
                stop.Dispose();
            });
        }
    }

    private sealed class Stopper(Action stop) : IDisposable
    {
        private Action? _stop = stop;

        public void Dispose() => Interlocked.Exchange(ref _stop, null)?.Invoke();
    }

    /// <summary>Hears every event and does nothing: what the scheduler's own observer calls cost.</summary>
    private sealed class EmptyObserver : IComputeObserver;

    /// <summary>
    /// One run's wall time and the process's CPU time during it. The CPU time counts everything
    /// the process did meanwhile (the dashboard's timer and server included), and is steadier than
    /// wall time on a shared host, where neighbours decide when our threads run.
    /// </summary>
    private static (double Wall, double Cpu) Time(TaskGraph graph, string top, ComputeOptions options)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        GraphRunner.Run(graph, [top], options);
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static string Percent(double value, double baseline) =>
        (Math.Round(100 * (value / baseline - 1), 1) + 0.0).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%"; // + 0.0: no "-0.0"

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
