namespace Tessera;

/// <summary>
/// How a computation runs: which executor, how many workers, how much memory it may hold,
/// who observes it and how it is cancelled. The one options type every collection (Delayed, arrays, bags, data frames) takes.
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

    /// <summary>
    /// The host-memory budget in bytes for task results held between tasks; null means
    /// <see cref="DefaultMemoryLimit"/> (half of the physical memory the process may use).
    /// While results exceed it, the least recently used spillable results (<see cref="ISpillable"/>)
    /// are written to <see cref="SpillDirectory"/> and read back when needed, and root tasks (tasks
    /// with no dependencies, such as file reads) wait until their estimated output fits. A single
    /// task whose inputs and output exceed the budget still runs (alone), so a run never deadlocks.
    /// </summary>
    public long? MemoryLimit
    {
        get => _memoryLimit;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MemoryLimit), value,
                    $"MemoryLimit must be a positive number of bytes (e.g. 1L << 30 for 1 GiB), or null for the default " +
                    $"({DefaultMemoryLimit:N0} bytes, half of this machine's memory).");
            }
            _memoryLimit = value;
        }
    }

    private readonly long? _memoryLimit;

    /// <summary>
    /// The device-memory budget in bytes per accelerator; null means 80% of the device's memory
    /// (as <see cref="Tessera.Device.Available"/> lists it). Past it, the least recently used device
    /// results (<see cref="IDeviceResident"/>) that no running task reads move to host memory, where
    /// they count against <see cref="MemoryLimit"/>, and go back to the device for the tasks that read
    /// them. The caller's outputs and constants (persisted blocks) count but never move.
    /// </summary>
    public long? DeviceMemoryLimit
    {
        get => _deviceMemoryLimit;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(DeviceMemoryLimit), value,
                    "DeviceMemoryLimit must be a positive number of bytes (e.g. 4L << 30 for 4 GiB), or null for 80% of the device's memory.");
            }
            _deviceMemoryLimit = value;
        }
    }

    private readonly long? _deviceMemoryLimit;

    /// <summary>
    /// Where results spill when <see cref="MemoryLimit"/> is exceeded. Each run writes into a new
    /// subfolder of it and removes that subfolder when it ends (also on failure or cancellation).
    /// Null means the system temporary folder (<see cref="Path.GetTempPath"/>).
    /// </summary>
    public string? SpillDirectory
    {
        get => _spillDirectory;
        init
        {
            if (value is not null && (string.IsNullOrWhiteSpace(value) || value.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0))
            {
                throw new ArgumentException(
                    $"SpillDirectory '{value}' is not a usable folder path. Give a writable folder with free space " +
                    "(e.g. \"/scratch/tessera-spill\"), or null for the system temporary folder.", nameof(SpillDirectory));
            }
            _spillDirectory = value;
        }
    }

    private readonly string? _spillDirectory;

    /// <summary>
    /// The cluster to compute on (a Tessera.Distributed <c>Client</c>); null computes in this process.
    /// When set, the collection's task graph goes to the cluster's workers as a whole and only the
    /// requested results come back; <see cref="Scheduler"/> and the memory settings then apply on the workers' side.
    /// </summary>
    public IClusterClient? Client { get; init; }

    /// <summary>Half of the physical memory available to this process (container limits included).</summary>
    public static long DefaultMemoryLimit => Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>The host budget a run uses: <see cref="MemoryLimit"/>, or <see cref="DefaultMemoryLimit"/> when unset.</summary>
    public long EffectiveMemoryLimit => MemoryLimit ?? DefaultMemoryLimit;

    /// <summary>The number of workers the threaded executor would use with these options.</summary>
    public int EffectiveParallelism =>
        Scheduler == SchedulerKind.Synchronous ? 1 : MaxDegreeOfParallelism ?? Environment.ProcessorCount;
}
