namespace Tessera.Kernels.Tests;

/// <summary>
/// The test assembly's entry point (instead of the one the test SDK generates): empty for the
/// test runner.
/// </summary>
public static class Program
{
    public static int Main() => 0;
}
