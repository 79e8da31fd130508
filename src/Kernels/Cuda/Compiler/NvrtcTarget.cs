using System.Globalization;

namespace Tessera.Kernels.Cuda.Compiler;

/// <summary>
/// What NVRTC is asked to emit for a device: CUBIN (machine code, loads with no further
/// compilation) for the device's own architecture when this NVRTC knows it, otherwise PTX for the
/// newest architecture it knows, which the driver compiles for the device at load time.
/// </summary>
/// <param name="Architecture">The value of <c>--gpu-architecture</c>, e.g. <c>sm_90</c> or <c>compute_90</c>.</param>
/// <param name="IsCubin">True for machine code (sm_XY), false for PTX (compute_XY).</param>
internal sealed record NvrtcTarget(string Architecture, bool IsCubin)
{
    /// <summary>
    /// The target for a device of compute capability <paramref name="computeCapability"/>.
    /// </summary>
    /// <param name="computeCapability">The device's (major, minor).</param>
    /// <param name="supportedArchitectures">nvrtcGetSupportedArchs (e.g. 50, 52, …, 90), ascending; null when this NVRTC cannot list them (before 11.2).</param>
    /// <param name="canEmitCubin">Whether this NVRTC has nvrtcGetCUBIN (11.1+).</param>
    public static NvrtcTarget Choose((int Major, int Minor) computeCapability, IReadOnlyList<int>? supportedArchitectures, bool canEmitCubin)
    {
        if (computeCapability.Major <= 0 || computeCapability.Minor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(computeCapability), computeCapability,
                "A compute capability is (major >= 1, minor >= 0), e.g. (9, 0) for an H100.");
        }
        var device = (computeCapability.Major * 10) + computeCapability.Minor;
        if (supportedArchitectures is null || supportedArchitectures.Count == 0)
        {
            return canEmitCubin ? Sm(device) : Compute(device);
        }
        // Machine code runs on later minor revisions of the same major (sm_86 code on an sm_87 part),
        // never across majors; so pick the newest known architecture of the device's major.
        var sameMajor = supportedArchitectures.Where(a => a / 10 == device / 10 && a <= device).DefaultIfEmpty(-1).Max();
        if (canEmitCubin && sameMajor > 0)
        {
            return Sm(sameMajor);
        }
        // NVRTC older than the GPU (or without CUBIN): PTX of the newest architecture it knows that
        // the device can run; the driver's JIT finishes it for the device.
        var newest = supportedArchitectures.Where(a => a <= device).DefaultIfEmpty(-1).Max();
        if (newest < 0)
        {
            throw new NotSupportedException(
                $"This NVRTC supports architectures {string.Join(", ", supportedArchitectures)}, all newer than the device's " +
                $"compute capability {computeCapability.Major}.{computeCapability.Minor}. Use an older CUDA toolkit's NVRTC for this GPU, or Device.Cpu.");
        }
        return Compute(newest);
    }

    /// <summary>The NVRTC options: the architecture plus what every generated kernel needs.</summary>
    public IReadOnlyList<string> Options() =>
    [
        $"--gpu-architecture={Architecture}",
        // Generated code states its own precision; IEEE division, square root and denormals
        // keep results equal to the CPU backend's.
        "--fmad=false",
        "--std=c++17",
    ];

    private static NvrtcTarget Sm(int arch) => new("sm_" + arch.ToString(CultureInfo.InvariantCulture), true);

    private static NvrtcTarget Compute(int arch) => new("compute_" + arch.ToString(CultureInfo.InvariantCulture), false);
}
