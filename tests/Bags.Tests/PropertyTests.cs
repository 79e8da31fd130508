using FsCheck;
using FsCheck.Xunit;

namespace Tessera.Bags.Tests;

/// <summary>Random sequences and partitionings against LINQ (FsCheck shrinks a failure to a small case).</summary>
public sealed class PropertyTests
{
    private static readonly ComputeOptions Threaded = new() { MaxDegreeOfParallelism = 3 };
    private static readonly ComputeOptions Synchronous = new() { Scheduler = SchedulerKind.Synchronous };

    [Property(MaxTest = 60)]
    public bool SelectWhere_MatchLinq(int[] items, PositiveInt partitions, bool threaded)
    {
        var options = threaded ? Threaded : Synchronous;
        var bag = Bag.FromSequence(items, partitions: Math.Min(partitions.Get, 20));
        return bag.Where(x => x % 3 != 0).Select(x => (long)x * 2).Compute(options)
            .SequenceEqual(items.Where(x => x % 3 != 0).Select(x => (long)x * 2));
    }

    [Property(MaxTest = 60)]
    public bool Reductions_MatchLinq(int[] items, PositiveInt partitions, NonNegativeInt take)
    {
        var bag = Bag.FromSequence(items, partitions: Math.Min(partitions.Get, 20));
        var frequencies = bag.Select(x => x % 5).Frequencies().Compute(Threaded).ToDictionary(f => f.Key, f => f.Count);
        var expected = items.GroupBy(x => x % 5).ToDictionary(g => g.Key, g => (long)g.Count());
        return bag.Count().Compute(Threaded) == items.Length
            && bag.Select(x => (long)x).Sum().Compute(Threaded) == items.Sum(x => (long)x)
            && frequencies.Count == expected.Count && frequencies.All(f => expected[f.Key] == f.Value)
            && bag.Take(take.Get).Compute(Synchronous).SequenceEqual(items.Take(take.Get))
            && bag.Distinct().Compute(Threaded).SequenceEqual(items.Distinct());
    }

    [Property(MaxTest = 40)]
    public bool ReadText_AnyBlockSize_ReadsEveryLine(string[] raw, PositiveInt blockSize)
    {
        var lines = raw.Select(s => (s ?? "").Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)).ToList();
        using var folder = new TempFolder();
        var path = folder.File("p.txt");
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        if (lines.Count == 0)
        {
            return Bag.ReadText(path).Compute(Synchronous).Count == 0;
        }
        return Bag.ReadText(path, blockSize: Math.Min(blockSize.Get, 50)).Compute(Threaded).SequenceEqual(lines);
    }

    [Property(MaxTest = 40)]
    public bool Repartition_KeepsSequence(int[] items, PositiveInt from, PositiveInt to)
    {
        var bag = Bag.FromSequence(items, partitions: Math.Min(from.Get, 15)).Repartition(Math.Min(to.Get, 25));
        return bag.Compute(Threaded).SequenceEqual(items);
    }
}
