using System.Diagnostics;
using System.Text.Json;

namespace Tessera.Diagnostics;

/// <summary>
/// Records when each task ran and on which worker (dask's "task stream"), and writes it as
/// JSON: an array of {key, kind, worker, start_us, end_us, bytes}, times in microseconds
/// from the start of the run.
/// </summary>
public sealed class TaskStreamRecorder : IComputeObserver
{
    private readonly Lock _gate = new();
    private readonly List<TaskEvent> _events = [];
    private long _runStart;

    /// <summary>The tasks recorded, in finishing order.</summary>
    public IReadOnlyList<TaskEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <inheritdoc />
    public void OnRunStarted(ComputeRun run)
    {
        lock (_gate)
        {
            _events.Clear();
            _runStart = run.StartTimestamp;
        }
    }

    /// <inheritdoc />
    public void OnTaskFinished(in TaskEvent task)
    {
        lock (_gate)
        {
            _events.Add(task);
        }
    }

    /// <summary>Writes the recorded stream as JSON to <paramref name="stream"/>.</summary>
    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var e in Events)
        {
            json.WriteStartObject();
            json.WriteString("key", e.Key);
            json.WriteString("kind", e.Kind);
            json.WriteNumber("worker", e.Worker);
            json.WriteNumber("start_us", Math.Round(Stopwatch.GetElapsedTime(_runStart, e.StartTimestamp).TotalMicroseconds, 1));
            json.WriteNumber("end_us", Math.Round(Stopwatch.GetElapsedTime(_runStart, e.EndTimestamp).TotalMicroseconds, 1));
            json.WriteNumber("bytes", e.ResultBytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Writes the recorded stream as JSON to the file <paramref name="path"/>.</summary>
    public void WriteJson(string path)
    {
        using var file = File.Create(path);
        WriteJson(file);
    }
}
