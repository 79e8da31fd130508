// Tests and benchmarks exercise internal kernels and structures directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Kernels.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
