// Tests and benchmarks exercise internal kernels and structures directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Kernels.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
// Arrays lowers its lazy expressions to this project's IR and backends, which stay internal so
// the public surface is the collections' API only.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Arrays")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.DataFrames")]
// ML runs per-block Gram and distance products on the CPU GEMM.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.ML")]
// ILGPU's CPU accelerator emits a dynamic assembly named ILGPURuntime that wraps each kernel and
// names its (internal) argument types: expression node structs, GEMM and copy descriptions.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ILGPURuntime")]
