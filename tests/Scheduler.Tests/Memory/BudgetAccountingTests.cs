using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests.Memory;

public class BudgetAccountingTests
{
    [Fact]
    public void Run_SpillableResults_CountAtTheirExactSize()
    {
        // Three blocks of odd sizes held together until the sink runs (synchronous: in rank order).
        int[] sizes = [1000, 2345, 777];
        var graph = new TaskGraph();
        for (var i = 0; i < sizes.Length; i++)
        {
            var size = sizes[i];
            graph.Add(TaskDefinition.Call($"block-{i}", "block", _ => new TestBlock(new byte[size])));
        }
        graph.Add(TaskDefinition.Call("sink", "sink", _ => new TestBlock(new byte[5]),
            [.. Enumerable.Range(0, sizes.Length).Select(i => TaskArg.Ref($"block-{i}"))]));

        MemoryGraphs.Execute(graph, ["sink"], new ComputeOptions { Scheduler = SchedulerKind.Synchronous }, out var statistics);

        var memory = statistics.Memory!;
        Assert.Equal(sizes.Sum(), memory.PeakIn(MemoryTier.Host));
        Assert.Equal(0, memory.SpilledFrom(MemoryTier.Host));
        Assert.Equal(0, memory.PeakIn(MemoryTier.Disk));
    }

    [Fact]
    public void LruList_OldestIsTheLeastRecentlyTouched()
    {
        var lru = new LruList(5);
        lru.Touch(3);
        lru.Touch(1);
        lru.Touch(4);
        lru.Touch(3); // 3 is now the newest
        Assert.Equal(1, lru.Oldest);
        lru.Remove(1);
        Assert.Equal(4, lru.Oldest);
        Assert.Equal(3, lru.Newer(4));
        Assert.Equal(2, lru.Count);
    }
}
