namespace Tessera.Benchmarks.Kernels;

/// <summary>Median wall and process CPU seconds of one workload.</summary>
internal readonly record struct Timing(double Wall, double Cpu);
