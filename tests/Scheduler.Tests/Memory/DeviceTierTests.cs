using System.Collections.Concurrent;
using Tessera.Scheduling;
using static Tessera.Scheduler.Tests.Memory.MemoryGraphs;

namespace Tessera.Scheduler.Tests.Memory;

/// <summary>The device tier with <see cref="FakeDevice"/> results: what moves, what never does, and what is reported.</summary>
public class DeviceTierTests
{
    private const int Bytes = 100;

    [Fact]
    public void Budget_OverTheLimit_ChoosesTheLeastRecentlyUsed_SkippingResultsInUse()
    {
        var device = new FakeDevice();
        var budget = new DeviceMemoryBudget(FakeDevice.Id, limit: 250, tasks: 4);
        object?[] results = [device.Block(0, Bytes), device.Block(1, Bytes), device.Block(2, Bytes), device.Block(3, Bytes)];
        var readers = new int[4];
        budget.Stored(0, Bytes, movable: true);
        budget.Stored(1, Bytes, movable: true);
        budget.Stored(2, Bytes, movable: true);
        budget.Used(0); // order now 1, 2, 0
        budget.Stored(3, Bytes, movable: true); // 400 held, 150 too many
        readers[1] = 1; // a running task reads 1

        var moves = new List<DeviceMove>();
        Assert.True(budget.MustMove);
        Assert.True(budget.ChooseVictims(results, readers, moves));

        Assert.Equal([2, 0], moves.Select(m => m.Task)); // 1 skipped while in use; then oldest first until 200 stay
        Assert.Equal(2 * Bytes, budget.Pending);
        Assert.False(budget.MustMove); // what is moving already brings it under the limit
    }

    [Fact]
    public void Budget_UnmovableResults_CountButAreNeverChosen()
    {
        var device = new FakeDevice();
        var budget = new DeviceMemoryBudget(FakeDevice.Id, limit: 50, tasks: 2);
        budget.Stored(0, Bytes, movable: false);
        budget.Stored(1, Bytes, movable: false);

        var moves = new List<DeviceMove>();
        Assert.False(budget.MustMove);
        Assert.False(budget.ChooseVictims([device.Block(0, Bytes), device.Block(1, Bytes)], new int[2], moves));
        Assert.Equal(2 * Bytes, budget.PeakHeld);
    }

    [Fact]
    public void Run_DeviceResultsOverTheLimit_MoveToHostOldestFirst_AndReachTheSinkIntact()
    {
        var device = new FakeDevice();
        var log = new EventLog();
        var graph = BlocksIntoSink(device, roots: 4);

        var results = Execute(graph, ["check"], new ComputeOptions
        {
            Scheduler = SchedulerKind.Synchronous,
            DeviceMemoryLimit = 250,
            Observers = [log],
        }, out var statistics);

        Assert.Equal(4, results[0]); // every block reached the sink with its bytes, and on the device
        // Synchronous: the roots finish one by one; the third and fourth push 300 bytes over 250.
        var roots = log.Finished.Where(k => k.StartsWith("block-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(roots[..2], log.Spills.Select(s => s.Key));
        Assert.All(log.Spills, s => Assert.Equal((MemoryTier.Device, MemoryTier.Host, (long)Bytes), (s.From, s.To, s.Bytes)));
        Assert.Equal(roots[..2].Order(), log.Restores.Select(r => r.Key).Order()); // the sink got both back on the device
        Assert.All(log.Restores, r => Assert.Equal((MemoryTier.Host, MemoryTier.Device), (r.From, r.To)));

        var memory = statistics.Memory!;
        Assert.Equal(250, memory.DeviceLimit);
        Assert.Equal(2 * Bytes, memory.SpilledFrom(MemoryTier.Device));
        Assert.Equal(2 * Bytes, memory.RestoredInto(MemoryTier.Device));
        Assert.Equal(3 * Bytes, memory.PeakIn(MemoryTier.Device));
        Assert.Equal(2 * Bytes, memory.PeakIn(MemoryTier.Host)); // the host copies count on the host
        Assert.Equal(0, memory.SpilledFrom(MemoryTier.Host));
        Assert.Equal(2, device.Uploads);
        // The moved originals were freed when they moved, the sink's uploads when it finished.
        Assert.Equal([.. roots[..2], .. roots[..2].Select(k => k + "-upload").Order()],
            [.. device.Freed.Take(2), .. device.Freed.Skip(2).Order()]);
    }

    [Fact]
    public void Run_HostCopiesOverTheHostLimit_GoOnToDisk_AndComeBackIntact()
    {
        using var folder = new SpillFolder();
        var device = new FakeDevice();

        var results = Execute(BlocksIntoSink(device, roots: 6), ["check"], new ComputeOptions
        {
            Scheduler = SchedulerKind.Synchronous,
            DeviceMemoryLimit = 150,
            MemoryLimit = 150,
            SpillDirectory = folder.Path,
        }, out var statistics);

        Assert.Equal(6, results[0]);
        var memory = statistics.Memory!;
        Assert.Equal(5 * Bytes, memory.SpilledFrom(MemoryTier.Device)); // all but the newest leave the device
        Assert.True(memory.SpilledFrom(MemoryTier.Host) > 0, $"no host copy reached disk: {memory}");
        Assert.Equal(5 * Bytes, memory.RestoredInto(MemoryTier.Device));
        Assert.Empty(folder.Leftovers);
    }

    [Fact]
    public void Run_AResultARunningTaskReads_IsNeverMoved()
    {
        var device = new FakeDevice();
        var log = new EventLog();
        using var readerStarted = new ManualResetEventSlim();
        var graph = new TaskGraph();
        graph.Add(TaskDefinition.Call("block-0", "block", _ => device.Block(0, Bytes)));
        graph.Add(TaskDefinition.Call("reader", "reader", a =>
        {
            readerStarted.Set();
            // Hold block-0 until the big block made the device move something (or give up after 10 s).
            var moved = log.SpillSeen.Wait(TimeSpan.FromSeconds(10));
            return moved && ((FakeDeviceBlock)a[0]!).Data.AsSpan().SequenceEqual(TestBlock.Random(0, Bytes).Data) ? 1 : 0;
        }, TaskArg.Ref("block-0")));
        graph.Add(TaskDefinition.Call("big", "big", _ =>
        {
            readerStarted.Wait(TimeSpan.FromSeconds(10));
            return device.Block(9, 3 * Bytes);
        }));
        graph.Add(TaskDefinition.Call("sink", "sink", a => (int)a[0]! + ((FakeDeviceBlock)a[1]!).Data[0] * 0,
            TaskArg.Ref("reader"), TaskArg.Ref("big")));

        var results = Execute(graph, ["sink"], new ComputeOptions
        {
            MaxDegreeOfParallelism = 2,
            DeviceMemoryLimit = 250,
            Observers = [log],
        }, out _);

        Assert.Equal(1, results[0]); // the reader saw block-0 intact after the move
        // 400 bytes held over 250: block-0 is older but in use, so the big block moved instead.
        Assert.Equal(["big"], log.Spills.Select(s => s.Key));
        Assert.DoesNotContain("block-0", device.Freed);
    }

    [Fact]
    public void Run_OutputsConstantsAndPassedThroughResults_CountButNeverMove()
    {
        var device = new FakeDevice();
        var constant = device.Block(0, Bytes);
        var literal = device.Block(1, Bytes);
        var made = new ConcurrentDictionary<string, FakeDeviceBlock>();
        var graph = new TaskGraph();
        graph.Add(TaskDefinition.Constant("constant", constant));
        graph.Add(TaskDefinition.Call("pass-constant", "pass", a => a[0], TaskArg.Ref("constant")));
        graph.Add(TaskDefinition.Call("pass-literal", "pass", a => a[0], TaskArg.Literal(literal)));
        graph.Add(TaskDefinition.Call("output", "output", _ => made.GetOrAdd("output", _ => device.Block(2, Bytes))));
        graph.Add(TaskDefinition.Call("sink", "sink", a => a.Length, TaskArg.Ref("pass-constant"), TaskArg.Ref("pass-literal")));

        var results = Execute(graph, ["sink", "output"], new ComputeOptions
        {
            Scheduler = SchedulerKind.Synchronous,
            DeviceMemoryLimit = 1,
        }, out var statistics);

        Assert.Equal(2, results[0]);
        Assert.Same(made["output"], results[1]); // the caller gets its output as the task made it, on the device
        Assert.Empty(device.Freed);
        var memory = statistics.Memory!;
        Assert.Equal(0, memory.SpilledFrom(MemoryTier.Device));
        Assert.True(memory.PeakIn(MemoryTier.Device) >= 2 * Bytes, $"device results were not counted: {memory}");
    }

    [Fact]
    public void Run_ACopyToHostFails_StopsTheRunWithThatError()
    {
        var device = new FakeDevice { FailCopies = new IOException("device lost") };

        var error = Assert.Throws<IOException>(() => Execute(BlocksIntoSink(device, roots: 4), ["check"], new ComputeOptions
        {
            Scheduler = SchedulerKind.Synchronous,
            DeviceMemoryLimit = 150,
        }, out _));

        Assert.Equal("device lost", error.Message);
        Assert.Empty(device.Freed); // nothing was freed without its copy
    }

    [Fact]
    public void Run_NoDeviceResults_ReportsNoDeviceTier()
    {
        var (graph, sink) = AllIntoOne(roots: 3, bytes: Bytes);

        Execute(graph, [sink], new ComputeOptions { Scheduler = SchedulerKind.Synchronous, DeviceMemoryLimit = 1 }, out var statistics);

        var memory = statistics.Memory!;
        Assert.Null(memory.DeviceLimit);
        Assert.Equal(0, memory.PeakIn(MemoryTier.Device));
        Assert.Equal(3 * Bytes, memory.PeakIn(MemoryTier.Host));
    }

    [Fact]
    public void Limit_Given_IsUsedAsIs()
    {
        DeviceInfo[] listed = [new(FakeDevice.Id, "fake", 1000, IsGpu: true)];
        Assert.Equal(123, DeviceMemoryLimits.Resolve(FakeDevice.Id, 123, listed));
    }

    [Fact]
    public void Limit_Unset_IsEightyPercentOfTheListedMemory()
    {
        DeviceInfo[] listed = [new(Device.OpenCL(0), "other", 5000), new(FakeDevice.Id, "fake", 1000, IsGpu: true)];
        Assert.Equal(800, DeviceMemoryLimits.Resolve(FakeDevice.Id, null, listed));
    }

    [Fact]
    public void Limit_UnsetOnAnUnlistedDevice_IsUnlimited()
    {
        Assert.Equal(long.MaxValue, DeviceMemoryLimits.Resolve(FakeDevice.Id, null, [new(Device.OpenCL(0), "other", 5000)]));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void DeviceMemoryLimit_NotPositive_ThrowsSayingWhatIsExpected(long limit)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeOptions { DeviceMemoryLimit = limit });
        Assert.Contains("positive number of bytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Roots "block-i" of <see cref="Bytes"/> on the fake device, all read by "check", which counts
    /// those that arrive on the device with their seed's bytes.
    /// </summary>
    private static TaskGraph BlocksIntoSink(FakeDevice device, int roots)
    {
        var graph = new TaskGraph();
        for (var i = 0; i < roots; i++)
        {
            var seed = i;
            graph.Add(TaskDefinition.Call($"block-{i}", "block", _ => device.Block(seed, Bytes)));
        }
        graph.Add(TaskDefinition.Call("check", "check", args =>
        {
            var intact = 0;
            for (var i = 0; i < args.Length; i++)
            {
                intact += args[i] is FakeDeviceBlock block && block.Data.AsSpan().SequenceEqual(TestBlock.Random(i, Bytes).Data) ? 1 : 0;
            }
            return intact;
        }, [.. Enumerable.Range(0, roots).Select(i => TaskArg.Ref($"block-{i}"))]));
        return graph;
    }

    /// <summary>Keeps the order of finished tasks and every spill and restore.</summary>
    private sealed class EventLog : IComputeObserver
    {
        public ConcurrentQueue<string> Finished { get; } = new();

        public ConcurrentQueue<SpillEvent> Spills { get; } = new();

        public ConcurrentQueue<SpillEvent> Restores { get; } = new();

        public ManualResetEventSlim SpillSeen { get; } = new();

        public void OnTaskFinished(in TaskEvent task) => Finished.Enqueue(task.Key);

        public void OnSpilled(in SpillEvent spill)
        {
            Spills.Enqueue(spill);
            SpillSeen.Set();
        }

        public void OnRestored(in SpillEvent restore) => Restores.Enqueue(restore);
    }
}
