// Tests and benchmarks exercise internal partition functions directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("DataFrames.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
