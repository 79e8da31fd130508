// Tests and benchmarks exercise internal kernels and structures directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Scheduler.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
// Bags hand partitions and reductions to Delayed (ToDelayed builds Delayed nodes over a bag's
// tasks, which only the internal constructor can) and draw graphs with DotWriter/GraphRendering.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Bags")]
// DataFrames renders its graphs with the same Graphviz helper as Delayed.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.DataFrames")]
