// Tests and benchmarks exercise internal kernels and structures directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Kernels.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Benchmarks")]
// Arrays lowers its lazy expressions to this project's IR and backends, which stay internal so
// the public surface is the collections' API only.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tessera.Arrays")]
// ILGPU's CPU accelerator emits the kernel launchers into a dynamic assembly of this name; they
// construct our internal op and expression structs.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ILGPURuntime")]
