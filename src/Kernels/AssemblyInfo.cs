// Tests and benchmarks exercise internal kernels and structures directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Kernels.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
// Arrays lowers its lazy expressions to this project's IR and backends, which stay internal so
// the public surface is the collections' API only.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Arrays")]

// ILGPU's CPU accelerator runs kernels from a dynamic assembly named ILGPURuntime; kernel
// parameter types (internal structs such as the GEMM's problem description) must be visible to it.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ILGPURuntime")]
