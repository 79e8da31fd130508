using System.Globalization;

namespace Tessera;

/// <summary>
/// Names a device a computation runs on: a kind and an index among the devices of that kind.
/// It is only a descriptor (two descriptors with the same kind and index are equal), so the
/// scheduler can hold one without knowing the kernels; Tessera.Kernels resolves it to a backend.
/// </summary>
public sealed record Device
{
    /// <summary>The environment variable that overrides <see cref="Default"/>, e.g. <c>cpu</c>, <c>cuda:0</c>, <c>opencl:1</c>.</summary>
    public const string EnvironmentVariable = "TESSERA_DEVICE";

    private Device(DeviceKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    /// <summary>The backend kind.</summary>
    public DeviceKind Kind { get; }

    /// <summary>The index among devices of <see cref="Kind"/> (always 0 for the CPU).</summary>
    public int Index { get; }

    /// <summary>The host CPU.</summary>
    public static Device Cpu { get; } = new(DeviceKind.Cpu, 0);

    /// <summary>
    /// The OpenCL device number <paramref name="index"/>: ILGPU's OpenCL accelerators in ILGPU's enumeration
    /// order, counting only devices ILGPU supports (OpenCL 2.0 generic address space; not PoCL).
    /// </summary>
    public static Device OpenCL(int index = 0) => new(DeviceKind.OpenCL, CheckIndex(index));

    /// <summary>The CUDA device number <paramref name="index"/> (as CUDA numbers them), run through ILGPU's CUDA accelerator.</summary>
    public static Device Cuda(int index = 0) => new(DeviceKind.Cuda, CheckIndex(index));

    /// <summary>
    /// ILGPU's CPU accelerator, which runs the GPU kernels in an emulator on the host: for testing
    /// the GPU code path without a GPU. Slow; <see cref="Default"/> never picks it.
    /// </summary>
    public static Device IlGpuCpu { get; } = new(DeviceKind.IlGpuCpu, 0);

    /// <summary>
    /// The device used when <see cref="ComputeOptions.Device"/> is null: the one named by the
    /// <c>TESSERA_DEVICE</c> environment variable if set, else the best present device
    /// (CUDA, then an OpenCL GPU ILGPU supports, then the CPU; never <see cref="IlGpuCpu"/>). Read each
    /// time, so tests may change the variable. <see cref="Available"/> says why a GPU is absent.
    /// </summary>
    /// <exception cref="FormatException"><c>TESSERA_DEVICE</c> is set to something <see cref="Parse"/> rejects.</exception>
    public static Device Default
    {
        get
        {
            var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    return Parse(text);
                }
                catch (FormatException e)
                {
                    throw new FormatException($"{EnvironmentVariable}: {e.Message}", e);
                }
            }
            return DeviceCatalog.Best();
        }
    }

    /// <summary>
    /// The devices present on this machine, best first, and the backends found absent with why
    /// (<see cref="DeviceList.Absent"/>; printing the list shows both). The CPU is always listed; GPU
    /// devices appear once their backends are loaded and probe them (see <see cref="DeviceCatalog"/>).
    /// </summary>
    public static DeviceList Available => DeviceCatalog.Probe();

    /// <summary>
    /// Reads a device name: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, <c>opencl</c>, <c>opencl:N</c> or <c>ilgpu-cpu</c>
    /// (case-insensitive; the index defaults to 0).
    /// </summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not such a name.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var kindText = colon < 0 ? trimmed : trimmed[..colon];
        var index = 0;
        if (colon >= 0 && (!int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index)))
        {
            throw BadName(text);
        }
        return kindText.ToLowerInvariant() switch
        {
            "cpu" when index == 0 => Cpu,
            "ilgpu-cpu" when index == 0 => IlGpuCpu,
            "cuda" => Cuda(index),
            "opencl" => OpenCL(index),
            _ => throw BadName(text),
        };
    }

    /// <summary>The name <see cref="Parse"/> reads back, e.g. <c>cuda:0</c>.</summary>
    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda => $"cuda:{Index}",
        DeviceKind.IlGpuCpu => "ilgpu-cpu",
        _ => $"opencl:{Index}",
    };

    private static FormatException BadName(string text) => new(
        $"'{text}' is not a device name. Expected 'cpu', 'cuda', 'cuda:N', 'opencl', 'opencl:N' or 'ilgpu-cpu' " +
        "with N a non-negative device index, e.g. 'cuda:0'.");

    private static int CheckIndex(int index) => index >= 0
        ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index,
            "A device index is 0 or more (0 is the first device of its kind).");
}
