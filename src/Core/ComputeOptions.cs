namespace Tessera;

/// <summary>
/// How a computation runs: which executor, how many workers, who observes it and how it is
/// cancelled. The one options type every collection (Delayed, arrays, bags, data frames) takes.
/// </summary>
public sealed record ComputeOptions
{
    /// <summary>The options used when none are given.</summary>
    public static ComputeOptions Default { get; } = new();

    /// <summary>The executor. <see cref="SchedulerKind.Threaded"/> unless set.</summary>
    public SchedulerKind Scheduler { get; init; } = SchedulerKind.Threaded;

    /// <summary>
    /// The most tasks that run at once on the threaded executor; null means one per core
    /// (<see cref="Environment.ProcessorCount"/>). Ignored by the synchronous executor.
    /// </summary>
    public int? MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value,
                    "MaxDegreeOfParallelism must be at least 1, or null for one worker per core.");
            }
            _maxDegreeOfParallelism = value;
        }
    }

    private readonly int? _maxDegreeOfParallelism;

    /// <summary>
    /// The device chunk kernels run on; null means <see cref="Tessera.Device.Default"/> (the
    /// <c>TESSERA_DEVICE</c> environment variable, else the best present device).
    /// </summary>
    public Device? Device { get; init; }

    /// <summary>Observers told of every task's start, finish and failure (progress bars, profilers).</summary>
    public IReadOnlyList<IComputeObserver> Observers { get; init; } = [];

    /// <summary>Stops the run promptly: no task starts after cancellation is requested.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The number of workers the threaded executor would use with these options.</summary>
    public int EffectiveParallelism =>
        Scheduler == SchedulerKind.Synchronous ? 1 : MaxDegreeOfParallelism ?? Environment.ProcessorCount;
}
