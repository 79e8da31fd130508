namespace Tessera.Diagnostics;

/// <summary>
/// The process and the current run at one moment, after dask's ResourceProfiler: CPU use, memory,
/// and the run's bytes per tier.
/// </summary>
/// <param name="Seconds">Since the sampler started.</param>
/// <param name="CpuPercent">Process CPU time over wall time in the last interval, 100 per busy core.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="Levels">The current run's task results per tier (zero between runs).</param>
internal readonly record struct ResourceSample(double Seconds, double CpuPercent, long WorkingSetBytes, MemoryLevels Levels);
