// Tests and benchmarks exercise internal plans and partitions directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Bags.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
