using Tessera.Kernels.Tests.OpenCL;

namespace Tessera.Kernels.Tests;

/// <summary>
/// The test assembly's entry point (instead of the one the test SDK generates): empty for the
/// test runner, and a helper command for tests that need a second process.
/// </summary>
public static class Program
{
    public static int Main(string[] args) =>
        args.Length > 0 && args[0] == KernelCacheProbe.Command ? KernelCacheProbe.Run() : 0;
}
