using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// The vector width CPU kernels run at in this process: the widest the runtime accelerates.
/// <c>DOTNET_EnableAVX512=0</c> (older runtimes: <c>DOTNET_EnableAVX512F=0</c>) gives the AVX2
/// paths, <c>DOTNET_EnableAVX2=0</c> the 128-bit paths, which have the width of Arm64's NEON.
/// </summary>
internal static class SimdWidth
{
    /// <summary>Bits per vector of the CPU kernels: 512, 256 or 128.</summary>
    public static int Bits { get; } =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>A short description for reports, e.g. "AVX-512 (512-bit), FMA".</summary>
    public static string Description =>
        $"{Bits switch { 512 => "AVX-512", 256 => "AVX2", _ => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "NEON" : "SSE" }} ({Bits}-bit), " +
        (Simd128<double>.HasFusedMultiplyAdd ? "FMA" : "no FMA");
}
