using System.Diagnostics;
using System.Text.Json;

namespace Tessera.Diagnostics;

/// <summary>
/// Writes what the Status, Workers and Profile pages show as one JSON object (the pages' live
/// feed and <c>/api/status</c>). Names are short and rows are arrays where there are many of them
/// (task bars, samples): the feed goes out several times a second.
/// </summary>
internal static class StatusJson
{
    public static void Write(Utf8JsonWriter json, RunAggregate? run, IReadOnlyCollection<ResourceSample> samples)
    {
        json.WriteStartObject();
        if (run is null)
        {
            json.WriteNull("run");
        }
        else
        {
            WriteRun(json, run);
            WriteKinds(json, run);
            WriteStream(json, run);
            WriteWorkers(json, run);
            WriteMemory(json, run, samples);
            WriteSlowest(json, run);
            if (run.States is { } states)
            {
                json.WriteString("states", System.Text.Encoding.ASCII.GetString(states));
            }
        }
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

    private static void WriteRun(Utf8JsonWriter json, RunAggregate run)
    {
        var log = run.Log;
        json.WriteStartObject("run");
        json.WriteNumber("id", log.Id);
        json.WriteNumber("tasks", log.Run.TaskCount);
        json.WriteNumber("workers", log.Run.Workers);
        json.WriteNumber("seconds", Math.Round(log.Seconds(log.Finished ? log.EndTimestamp : Stopwatch.GetTimestamp()), 3));
        json.WriteBoolean("finished", log.Finished);
        json.WriteString("error", log.Error);
        json.WriteNumber("done", run.Done);
        json.WriteNumber("failed", run.Failed);
        json.WriteString("device", log.Run.Options?.Device?.ToString() ?? "default");
        json.WriteEndObject();
    }

    private static void WriteKinds(Utf8JsonWriter json, RunAggregate run)
    {
        json.WriteStartArray("kinds");
        foreach (var k in run.Kinds)
        {
            json.WriteStartObject();
            json.WriteString("name", k.Kind);
            json.WriteNumber("index", k.Index);
            json.WriteNumber("total", Math.Max(k.Total, k.Done + k.Failed + k.Running));
            json.WriteNumber("done", k.Done);
            json.WriteNumber("running", k.Running);
            json.WriteNumber("failed", k.Failed);
            json.WriteNumber("waiting", Math.Max(0, k.Total - k.Done - k.Failed - k.Running));
            json.WriteNumber("seconds", RunAggregate.Seconds(k.Ticks));
            json.WriteNumber("longest", RunAggregate.Seconds(k.LongestTicks));
            json.WriteNumber("bytes", k.Bytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStream(Utf8JsonWriter json, RunAggregate run)
    {
        var log = run.Log;
        json.WriteStartObject("stream");
        var end = log.Finished ? Math.Max(run.LastEnd, log.EndTimestamp) : Stopwatch.GetTimestamp();
        json.WriteNumber("end", Math.Round(log.Seconds(end), 6));
        json.WriteStartArray("bars");
        foreach (var r in run.Recent)
        {
            json.WriteStartArray();
            json.WriteNumberValue(r.Worker);
            json.WriteNumberValue(run.KindOfTask(r.TaskIndex).Index);
            json.WriteNumberValue(Math.Round(log.Seconds(r.Start), 6));
            json.WriteNumberValue(Math.Round(log.Seconds(r.End), 6));
            json.WriteNumberValue(r.Failed ? 1 : 0);
            json.WriteEndArray();
        }
        // Tasks still running are drawn up to now.
        for (var w = 0; w < run.Running.Length; w++)
        {
            if (run.Running[w].Kind is { } kind)
            {
                json.WriteStartArray();
                json.WriteNumberValue(w);
                json.WriteNumberValue(kind.Index);
                json.WriteNumberValue(Math.Round(log.Seconds(run.Running[w].Start), 6));
                json.WriteNumberValue(Math.Round(log.Seconds(end), 6));
                json.WriteNumberValue(2);
                json.WriteEndArray();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteWorkers(Utf8JsonWriter json, RunAggregate run)
    {
        var log = run.Log;
        var elapsed = log.Seconds(log.Finished ? log.EndTimestamp : Stopwatch.GetTimestamp());
        json.WriteStartArray("workers");
        for (var w = 0; w < run.Workers.Length; w++)
        {
            var s = run.Workers[w];
            json.WriteStartObject();
            json.WriteNumber("worker", w);
            json.WriteString("running", run.Running.Length > w ? run.Running[w].Kind?.Kind : null);
            json.WriteNumber("done", s.Done);
            json.WriteNumber("failed", s.Failed);
            json.WriteNumber("busy", RunAggregate.Seconds(s.BusyTicks));
            json.WriteNumber("busyPercent", elapsed > 0 ? Math.Round(100 * RunAggregate.Seconds(s.BusyTicks) / elapsed, 1) : 0);
            json.WriteNumber("bytes", s.Bytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteMemory(Utf8JsonWriter json, RunAggregate run, IReadOnlyCollection<ResourceSample> samples)
    {
        var log = run.Log;
        var levels = samples.Count > 0 ? samples.Last().Levels : default;
        json.WriteStartObject("memory");
        json.WriteNumber("hostHeld", levels.HostHeld);
        json.WriteNumber("onDisk", levels.OnDisk);
        json.WriteNumber("deviceHeld", levels.DeviceHeld);
        json.WriteNumber("movedToHost", levels.MovedToHost);
        json.WriteNumber("spilledBytes", log.Spills.SpilledBytes);
        json.WriteNumber("restoredBytes", log.Spills.RestoredBytes);
        json.WriteNumber("spills", log.Spills.Spills);
        json.WriteNumber("restores", log.Spills.Restores);
        json.WriteNumber("hostLimit", log.Run.Options?.EffectiveMemoryLimit ?? ComputeOptions.DefaultMemoryLimit);
        if (log.Memory is { } summary)
        {
            json.WriteNumber("peakHost", summary.PeakIn(MemoryTier.Host));
            json.WriteNumber("peakDisk", summary.PeakIn(MemoryTier.Disk));
            json.WriteNumber("peakDevice", summary.PeakIn(MemoryTier.Device));
        }
        json.WriteEndObject();
    }

    private static void WriteSlowest(Utf8JsonWriter json, RunAggregate run)
    {
        json.WriteStartArray("slowest");
        foreach (var r in run.Slowest)
        {
            json.WriteStartObject();
            json.WriteString("key", run.Log.KeyOf(r.TaskIndex));
            json.WriteString("kind", run.KindOfTask(r.TaskIndex).Kind);
            json.WriteNumber("seconds", RunAggregate.Seconds(r.End - r.Start));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
