// Tests and benchmarks exercise internal kernels and structures directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Scheduler.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
// DataFrames renders its graphs with the same Graphviz helper as Delayed.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.DataFrames")]
