namespace Tessera.Kernels.Cpu;

/// <summary>Which implementation runs a <see cref="CpuGemm"/> call.</summary>
internal enum GemmPath
{
    /// <summary>
    /// The faster of the two on this machine: the managed kernel where it has wider vectors than
    /// OpenBLAS's kernels (AVX-512 against OpenBLAS's AVX2 ones) or OpenBLAS is missing, else
    /// OpenBLAS. <c>TESSERA_BLAS=managed</c> (or <c>openblas</c>) fixes the choice for the process.
    /// </summary>
    Auto = 0,

    /// <summary>The system OpenBLAS; a call fails when it was not found.</summary>
    NativeBlas,

    /// <summary>The packed, register-blocked managed kernel (always available).</summary>
    Managed,
}

/// <summary>Per-call settings for <see cref="CpuGemm"/>.</summary>
internal sealed record GemmOptions
{
    /// <summary>One thread, automatic path.</summary>
    public static GemmOptions Default { get; } = new();

    /// <summary>
    /// Threads one call may use. Defaults to 1: spreading chunks across cores is the scheduler's
    /// job, so a call stays on its caller's thread unless asked otherwise.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Which implementation runs the call; see <see cref="GemmPath"/>.</summary>
    public GemmPath Path { get; init; } = GemmPath.Auto;
}
