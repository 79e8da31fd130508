using System.Text.Json;

namespace Tessera.Diagnostics;

/// <summary>
/// The dashboard's view of the process: the recorder the scheduler feeds, and a timer that, every
/// interval, folds the new records into the current run's <see cref="RunAggregate"/>, samples
/// CPU and memory, and publishes the status as JSON bytes that every open page receives. Pages
/// never make the server do work per request beyond copying the latest bytes.
/// </summary>
internal sealed class LiveState : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    // A minute at four samples a second: the pages get the whole window in every event, so it stays short.
    private readonly ResourceSampler _sampler = new(capacity: 240);
    private RunAggregate? _run;
    private byte[] _latest = "{\"run\":null,\"resources\":[]}"u8.ToArray();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _ticking;

    public LiveState(TimeSpan interval)
    {
        Recorder = new RunRecorder(keepRuns: 1);
        _timer = new Timer(_ => Tick(), null, TimeSpan.Zero, interval);
    }

    /// <summary>The observer registered with the scheduler.</summary>
    public RunRecorder Recorder { get; }

    /// <summary>The latest status JSON.</summary>
    public byte[] Latest => Volatile.Read(ref _latest);

    /// <summary>Completes at the next publication.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    /// <summary>Publishes now (the timer does it every interval; tests call it to avoid waiting).</summary>
    public void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return; // the previous tick is still writing: skip rather than queue up
        }
        try
        {
            byte[] bytes;
            lock (_gate)
            {
                var current = Recorder.Current;
                if (current is not null && !ReferenceEquals(_run?.Log, current))
                {
                    _run = new RunAggregate(current);
                }
                _run?.Update();
                _sampler.Sample(_run is { Log.Finished: false } ? current?.Run.Memory : null);
                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    StatusJson.Write(json, _run, _sampler.Samples);
                }
                bytes = buffer.ToArray();
            }
            Volatile.Write(ref _latest, bytes);
            Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    /// <summary>The current run's graph as JSON.</summary>
    public byte[] GraphJsonBytes()
    {
        lock (_gate)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                GraphJson.Write(json, _run);
            }
            return buffer.ToArray();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _next.TrySetCanceled();
    }
}
