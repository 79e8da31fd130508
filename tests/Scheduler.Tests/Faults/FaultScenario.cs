using Tessera.Scheduler.Tests.Memory;
using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests.Faults;

/// <summary>
/// One random run for the fault property: a graph of up to 2,000 tasks whose results are plain
/// numbers, spillable blocks or blocks on a pretend device, with some tasks that throw, an
/// observer that throws on its n-th event of one kind, cancellation at a random moment, and
/// memory limits small enough that results spill and move. Everything follows from the seed, so
/// a failing case is rerun by its seed (<see cref="FaultPropertyTests.OneSeed"/>).
/// </summary>
internal sealed class FaultScenario
{
    /// <summary>How a task's result is held, which decides the memory tier it lands in.</summary>
    public enum ResultShape
    {
        Number,
        Block,
        Device,
    }

    /// <summary>Observer events the chaos observer may throw from.</summary>
    public static readonly string[] ObserverEvents =
    [
        nameof(IComputeObserver.OnRunStarted), nameof(IComputeObserver.OnTaskStarted),
        nameof(IComputeObserver.OnTaskFinished), nameof(IComputeObserver.OnTaskFailed),
        nameof(IComputeObserver.OnSpilled), nameof(IComputeObserver.OnRestored),
        nameof(IComputeObserver.OnMemorySummary), nameof(IComputeObserver.OnRunFinished),
    ];

    private FaultScenario(int seed) => Seed = seed;

    public int Seed { get; }

    public required SchedulerKind Executor { get; init; }

    public required int Workers { get; init; }

    /// <summary>Per task: the tasks it reads.</summary>
    public required int[][] Dependencies { get; init; }

    public required ResultShape[] Shapes { get; init; }

    /// <summary>Per task: padding bytes of a block result beyond its 8-byte value (sizes vary, so spills vary).</summary>
    public required int[] Padding { get; init; }

    /// <summary>Per task: whether it sleeps a little (so threaded runs interleave differently).</summary>
    public required bool[] Sleeps { get; init; }

    public required HashSet<int> Throwing { get; init; }

    /// <summary>A task that cancels the run from inside (then returns normally), or -1.</summary>
    public required int CancelingTask { get; init; }

    /// <summary>Cancel after this many milliseconds from a timer (threaded runs only), or -1.</summary>
    public required int CancelAfterMs { get; init; }

    /// <summary>The observer event that throws, or null for none; it throws on its <see cref="ObserverThrowsAt"/>-th call.</summary>
    public required string? ObserverThrowsOn { get; init; }

    public required int ObserverThrowsAt { get; init; }

    public required long? MemoryLimit { get; init; }

    public required long? DeviceMemoryLimit { get; init; }

    public required int[] Outputs { get; init; }

    public int Count => Dependencies.Length;

    public bool ExpectsFailure => Throwing.Count > 0 || CancelingTask >= 0 || ObserverThrowsOn is not null;

    public static FaultScenario Generate(int seed)
    {
        var random = new Random(seed);
        // Mostly small graphs (many cases per second), a quarter medium, a few near 2,000.
        var roll = random.NextDouble();
        var n = roll < 0.7 ? random.Next(1, 200) : roll < 0.95 ? random.Next(200, 1000) : random.Next(1000, 2001);
        var useDevice = random.NextDouble() < 0.4;
        var dependencies = new int[n][];
        var shapes = new ResultShape[n];
        var padding = new int[n];
        var sleeps = new bool[n];
        for (var t = 0; t < n; t++)
        {
            var count = t == 0 ? 0 : random.Next(0, Math.Min(t, 4));
            var deps = new HashSet<int>();
            while (deps.Count < count)
            {
                // Mostly recent tasks (chains and trees), sometimes any earlier one (long-lived results).
                deps.Add(random.NextDouble() < 0.8 ? random.Next(Math.Max(0, t - 30), t) : random.Next(0, t));
            }
            dependencies[t] = [.. deps];
            var shape = random.NextDouble();
            shapes[t] = useDevice && shape < 0.3 ? ResultShape.Device : shape < 0.75 ? ResultShape.Block : ResultShape.Number;
            padding[t] = random.Next(0, 200);
            sleeps[t] = random.NextDouble() < 0.01;
        }

        var throwing = new HashSet<int>();
        if (random.NextDouble() < 0.35)
        {
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                throwing.Add(random.Next(n));
            }
        }
        var executor = random.NextDouble() < 0.5 ? SchedulerKind.Synchronous : SchedulerKind.Threaded;
        var cancel = random.NextDouble();
        var outputs = new HashSet<int> { n - 1 };
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            outputs.Add(random.Next(n));
        }
        return new FaultScenario(seed)
        {
            Executor = executor,
            Workers = random.Next(2, 5),
            Dependencies = dependencies,
            Shapes = shapes,
            Padding = padding,
            Sleeps = sleeps,
            Throwing = throwing,
            CancelingTask = cancel < 0.15 ? random.Next(n) : -1,
            CancelAfterMs = cancel >= 0.15 && cancel < 0.3 && executor == SchedulerKind.Threaded ? random.Next(0, 20) : -1,
            ObserverThrowsOn = random.NextDouble() < 0.3 ? ObserverEvents[random.Next(ObserverEvents.Length)] : null,
            ObserverThrowsAt = random.Next(1, 1 + Math.Max(1, n / 2)),
            MemoryLimit = random.NextDouble() < 0.6 ? random.Next(64, 8192) : null,
            DeviceMemoryLimit = useDevice ? random.Next(64, 4096) : null,
            Outputs = [.. outputs],
        };
    }

    /// <summary>The value task <paramref name="t"/> computes from its inputs' values (the reference).</summary>
    public long ValueOf(int t, ReadOnlySpan<long> inputs)
    {
        var value = unchecked((t + 1) * (long)0x9E3779B97F4A7C15UL);
        for (var i = 0; i < inputs.Length; i++)
        {
            value = unchecked((value ^ inputs[i]) * 0x100000001B3L + i);
        }
        return value;
    }

    /// <summary>Every task's value, computed in order without the scheduler.</summary>
    public long[] ExpectedValues()
    {
        var values = new long[Count];
        for (var t = 0; t < Count; t++)
        {
            var inputs = Dependencies[t].Select(d => values[d]).ToArray();
            values[t] = ValueOf(t, inputs);
        }
        return values;
    }

    public static string Key(int t) => $"task-{t}";

    public override string ToString() =>
        $"seed {Seed}: {Count} tasks on {Executor} ({Workers} workers), throwing [{string.Join(", ", Throwing)}], " +
        $"canceling task {CancelingTask}, cancel after {CancelAfterMs} ms, observer throws on {ObserverThrowsOn ?? "nothing"} " +
        $"#{ObserverThrowsAt}, memory limit {MemoryLimit?.ToString() ?? "none"}, device limit {DeviceMemoryLimit?.ToString() ?? "none"}";
}
