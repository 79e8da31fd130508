using System.Diagnostics;
using System.Text.Json;

namespace Tessera.Diagnostics;

/// <summary>
/// Builds the performance report: the report template with the chart code, the page script, the
/// styles and the recorded data all inlined, so the file opens from disk with no server and no
/// network. The data is JSON inside a script element; the serializer escapes '&lt;', so no key or
/// message can close the element early.
/// </summary>
internal static class ReportWriter
{
    /// <summary>The most task bars a report draws per run; past it, the longest are kept and the report says so.</summary>
    public const int MaxBars = 100_000;

    public static string Html(string title, long reportStart, IReadOnlyList<RunLog> runs, IReadOnlyCollection<ResourceSample> samples)
    {
        var template = Asset("report.html");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteData(json, title, reportStart, runs, samples);
        }
        var data = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        return template
            .Replace("/*STYLE*/", Asset("dashboard.css"), StringComparison.Ordinal)
            .Replace("/*CHARTS*/", Asset("charts.js"), StringComparison.Ordinal)
            .Replace("/*REPORT*/", Asset("report.js"), StringComparison.Ordinal)
            .Replace("/*DATA*/", data, StringComparison.Ordinal)
            .Replace("{{title}}", System.Net.WebUtility.HtmlEncode(title), StringComparison.Ordinal);
    }

    private static string Asset(string name) => EmbeddedAssets.Text(name)
        ?? throw new InvalidOperationException($"The report asset {name} is not embedded in Tessera.Dashboard; the build is broken.");

    private static void WriteData(Utf8JsonWriter json, string title, long reportStart, IReadOnlyList<RunLog> runs,
        IReadOnlyCollection<ResourceSample> samples)
    {
        json.WriteStartObject();
        json.WriteString("title", title);
        json.WriteString("created", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("seconds", Stopwatch.GetElapsedTime(reportStart).TotalSeconds);
        json.WriteString("machine", $"{Environment.MachineName}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        json.WriteStartArray("runs");
        foreach (var log in runs)
        {
            WriteRun(json, reportStart, log);
        }
        json.WriteEndArray();
        json.WritePropertyName("resources");
        json.WriteStartArray();
        foreach (var s in samples)
        {
            json.WriteStartArray();
            json.WriteNumberValue(Math.Round(s.Seconds, 2));
            json.WriteNumberValue(Math.Round(s.CpuPercent, 1));
            json.WriteNumberValue(s.WorkingSetBytes);
            json.WriteNumberValue(s.Levels.HostHeld);
            json.WriteNumberValue(s.Levels.OnDisk);
            json.WriteNumberValue(s.Levels.DeviceHeld);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, long reportStart, RunLog log)
    {
        var records = new List<TaskRecord>();
        var aggregate = new RunAggregate(log, recentLimit: 0);
        aggregate.Update((_, r) => records.Add(r));
        json.WriteStartObject();
        json.WriteNumber("id", log.Id);
        json.WriteNumber("offset", Math.Round(Stopwatch.GetElapsedTime(reportStart, log.Run.StartTimestamp).TotalSeconds, 6));
        json.WriteNumber("tasks", log.Run.TaskCount);
        json.WriteNumber("workers", log.Run.Workers);
        json.WriteNumber("seconds", log.Finished ? log.Seconds(log.EndTimestamp) : log.Seconds(aggregate.LastEnd));
        json.WriteString("error", log.Finished ? log.Error : "still running when the report was written");
        WriteOptions(json, log.Run.Options);
        json.WriteStartArray("kinds");
        foreach (var k in aggregate.Kinds)
        {
            json.WriteStartObject();
            json.WriteString("name", k.Kind);
            json.WriteNumber("total", Math.Max(k.Total, k.Done + k.Failed));
            json.WriteNumber("done", k.Done);
            json.WriteNumber("failed", k.Failed);
            json.WriteNumber("seconds", RunAggregate.Seconds(k.Ticks));
            json.WriteNumber("longest", RunAggregate.Seconds(k.LongestTicks));
            json.WriteNumber("bytes", k.Bytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteBars(json, log, aggregate, records);
        json.WriteStartArray("slowest");
        foreach (var r in aggregate.Slowest)
        {
            json.WriteStartObject();
            json.WriteString("key", log.KeyOf(r.TaskIndex));
            json.WriteString("kind", aggregate.KindOfTask(r.TaskIndex).Kind);
            json.WriteNumber("worker", r.Worker);
            json.WriteNumber("seconds", RunAggregate.Seconds(r.End - r.Start));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("memory", log.Memory?.ToString());
        json.WriteNumber("spilledBytes", log.Spills.SpilledBytes);
        json.WriteNumber("restoredBytes", log.Spills.RestoredBytes);
        json.WriteEndObject();
    }

    private static void WriteBars(Utf8JsonWriter json, RunLog log, RunAggregate aggregate, List<TaskRecord> records)
    {
        var kept = records;
        if (records.Count > MaxBars)
        {
            // A browser draws 100,000 bars in well under a second; past that keep the longest, which are what a reader looks for.
            kept = [.. records.OrderByDescending(r => r.End - r.Start).Take(MaxBars)];
        }
        json.WriteNumber("barsLeftOut", records.Count - kept.Count);
        json.WriteStartArray("bars");
        foreach (var r in kept)
        {
            json.WriteStartArray();
            json.WriteNumberValue(r.Worker);
            json.WriteNumberValue(aggregate.KindOfTask(r.TaskIndex).Index);
            json.WriteNumberValue(Math.Round(log.Seconds(r.Start), 6));
            json.WriteNumberValue(Math.Round(log.Seconds(r.End), 6));
            json.WriteNumberValue(r.Failed ? 1 : 0);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static string Bytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes:N0} B");

    private static void WriteOptions(Utf8JsonWriter json, ComputeOptions? options)
    {
        json.WriteStartObject("options");
        if (options is not null)
        {
            json.WriteString("Scheduler", options.Scheduler.ToString());
            json.WriteString("MaxDegreeOfParallelism", options.MaxDegreeOfParallelism?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "one per core");
            json.WriteString("Device", options.Device?.ToString() ?? "default");
            json.WriteString("MemoryLimit", Bytes(options.EffectiveMemoryLimit) + (options.MemoryLimit is null ? " (default)" : ""));
            json.WriteString("DeviceMemoryLimit", options.DeviceMemoryLimit is { } d ? Bytes(d) : "80% of the device");
            json.WriteString("SpillDirectory", options.SpillDirectory ?? "system temporary folder");
            json.WriteString("Observers", string.Join(", ", options.Observers.Select(o => o.GetType().Name)));
        }
        json.WriteEndObject();
    }
}
