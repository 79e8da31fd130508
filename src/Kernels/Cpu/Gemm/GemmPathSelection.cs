namespace Tessera.Kernels.Cpu;

/// <summary>
/// Resolves <see cref="GemmPath.Auto"/>: OpenBLAS when it loads, unless the environment
/// variable <c>TESSERA_BLAS</c> says otherwise.
/// </summary>
internal static class GemmPathSelection
{
    /// <summary>The environment variable read once per process.</summary>
    public const string EnvironmentVariable = "TESSERA_BLAS";

    private static readonly Lazy<GemmPath> s_auto = new(ResolveAuto, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The path <paramref name="requested"/> stands for in this process.</summary>
    public static GemmPath Resolve(GemmPath requested) => requested == GemmPath.Auto ? s_auto.Value : requested;

    private static GemmPath ResolveAuto() =>
        Parse(Environment.GetEnvironmentVariable(EnvironmentVariable), OpenBlas.IsAvailable);

    /// <summary>What Auto means for a <c>TESSERA_BLAS</c> value, given whether OpenBLAS loaded.</summary>
    internal static GemmPath Parse(string? setting, bool blasAvailable)
    {
        var value = setting?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" or "auto" => blasAvailable ? GemmPath.NativeBlas : GemmPath.Managed,
            "managed" => GemmPath.Managed,
            "openblas" or "native" => GemmPath.NativeBlas,
            _ => throw new InvalidOperationException(
                $"{EnvironmentVariable}='{value}' is not understood. Use 'managed' (the managed kernel), " +
                "'openblas' (require the system OpenBLAS) or leave it unset (OpenBLAS when found, else managed)."),
        };
    }
}
