using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// Resolves <see cref="GemmPath.Auto"/>: whichever implementation uses the wider vectors on this
/// CPU, unless the environment variable <c>TESSERA_BLAS</c> says otherwise.
/// </summary>
/// <remarks>
/// Measured at 2048³ (GemmSideBySide.md): where .NET accelerates Vector512 and OpenBLAS runs AVX2
/// kernels (Debian's 0.3.21 on Zen 5 picks "Haswell"), the managed kernel is 1.6–1.8× faster than
/// OpenBLAS; forced to Vector256 it reaches only 0.7–0.9× of OpenBLAS's AVX2 kernels. So: managed
/// when it has the wider vectors, OpenBLAS when it has equal or wider ones, managed when there is
/// no OpenBLAS.
/// </remarks>
internal static class GemmPathSelection
{
    /// <summary>The environment variable read once per process.</summary>
    public const string EnvironmentVariable = "TESSERA_BLAS";

    private static readonly Lazy<GemmPath> s_auto = new(ResolveAuto, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The path <paramref name="requested"/> stands for in this process.</summary>
    public static GemmPath Resolve(GemmPath requested) => requested == GemmPath.Auto ? s_auto.Value : requested;

    private static GemmPath ResolveAuto() =>
        Parse(
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            blasAvailable: OpenBlas.IsAvailable,
            managedHasWiderVectors: Vector512.IsHardwareAccelerated && OpenBlas.Loaded is { UsesAvx512Kernels: false });

    /// <summary>What Auto means for a <c>TESSERA_BLAS</c> value on a machine with the given traits.</summary>
    internal static GemmPath Parse(string? setting, bool blasAvailable, bool managedHasWiderVectors)
    {
        var value = setting?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" or "auto" => blasAvailable && !managedHasWiderVectors ? GemmPath.NativeBlas : GemmPath.Managed,
            "managed" => GemmPath.Managed,
            "openblas" or "native" => GemmPath.NativeBlas,
            _ => throw new InvalidOperationException(
                $"{EnvironmentVariable}='{value}' is not understood. Use 'managed' (the managed kernel), " +
                "'openblas' (require the system OpenBLAS) or leave it unset (OpenBLAS when found, else managed)."),
        };
    }
}
