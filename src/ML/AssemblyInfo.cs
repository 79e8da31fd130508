// Tests check internal helpers (block partial sums, the Newton step) directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ML.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
