namespace Tessera.Bags.Tests;

/// <summary>The executors every bag test runs on: each test class has a Threaded and a Synchronous subclass.</summary>
public abstract class OnExecutor(SchedulerKind kind)
{
    protected ComputeOptions Options { get; } = new() { Scheduler = kind, MaxDegreeOfParallelism = kind == SchedulerKind.Threaded ? 4 : null };
}
