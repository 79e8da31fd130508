using System.Text;
using Tessera.Kernels.OpenCL.Native;
using static Tessera.Kernels.OpenCL.Native.OpenClNative;

namespace Tessera.Kernels.OpenCL;

/// <summary>
/// One OpenCL device as the driver describes it. <see cref="Index"/> is its position in the list
/// of every device of every platform (platform order, then device order), the N of
/// <c>Device.OpenCL(N)</c>.
/// </summary>
internal sealed record OpenClDevice(
    int Index,
    nint Platform,
    nint Handle,
    string PlatformName,
    string Name,
    string Vendor,
    string DriverVersion,
    string Version,
    bool IsGpu,
    bool HasFloat64,
    int ComputeUnits,
    int MaxWorkGroupSize,
    long GlobalMemoryBytes)
{
    private static readonly Lazy<IReadOnlyList<OpenClDevice>> All = new(Enumerate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every device of every platform; empty when libOpenCL or an ICD is missing.</summary>
    public static IReadOnlyList<OpenClDevice> Present => All.Value;

    /// <summary>What identifies the device's code generation target in kernel-cache keys.</summary>
    public string Architecture => $"{PlatformName}|{Vendor}|{Name}|{Version}";

    private static unsafe IReadOnlyList<OpenClDevice> Enumerate()
    {
        uint platformCount;
        try
        {
            var status = clGetPlatformIDs(0, null, &platformCount);
            if (status != 0 || platformCount == 0)
            {
                return [];
            }
        }
        catch (DllNotFoundException)
        {
            return [];
        }
        var platforms = new nint[platformCount];
        fixed (nint* p = platforms)
        {
            OpenClException.ThrowIfFailed(clGetPlatformIDs(platformCount, p, null));
        }
        var result = new List<OpenClDevice>();
        foreach (var platform in platforms)
        {
            uint count;
            if (clGetDeviceIDs(platform, OpenClConstants.DeviceTypeAll, 0, null, &count) != 0 || count == 0)
            {
                continue;
            }
            var devices = new nint[count];
            fixed (nint* d = devices)
            {
                OpenClException.ThrowIfFailed(clGetDeviceIDs(platform, OpenClConstants.DeviceTypeAll, count, d, null));
            }
            var platformName = PlatformText(platform, OpenClConstants.PlatformName);
            foreach (var device in devices)
            {
                var extensions = DeviceText(device, OpenClConstants.DeviceExtensions);
                result.Add(new OpenClDevice(
                    result.Count, platform, device, platformName,
                    DeviceText(device, OpenClConstants.DeviceName),
                    DeviceText(device, OpenClConstants.DeviceVendor),
                    DeviceText(device, OpenClConstants.DriverVersion),
                    DeviceText(device, OpenClConstants.DeviceVersion),
                    (DeviceValue<ulong>(device, OpenClConstants.DeviceType) & OpenClConstants.DeviceTypeGpu) != 0,
                    extensions.Split(' ').Contains("cl_khr_fp64"),
                    (int)DeviceValue<uint>(device, OpenClConstants.DeviceMaxComputeUnits),
                    (int)Math.Min(DeviceValue<nuint>(device, OpenClConstants.DeviceMaxWorkGroupSize), int.MaxValue),
                    (long)DeviceValue<ulong>(device, OpenClConstants.DeviceGlobalMemSize)));
            }
        }
        return result;
    }

    private static unsafe T DeviceValue<T>(nint device, uint param) where T : unmanaged
    {
        T value = default;
        OpenClException.ThrowIfFailed(clGetDeviceInfo(device, param, (nuint)sizeof(T), &value, null));
        return value;
    }

    private static unsafe string DeviceText(nint device, uint param)
    {
        nuint size;
        OpenClException.ThrowIfFailed(clGetDeviceInfo(device, param, 0, null, &size));
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes)
        {
            OpenClException.ThrowIfFailed(clGetDeviceInfo(device, param, size, b, null));
        }
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    private static unsafe string PlatformText(nint platform, uint param)
    {
        nuint size;
        OpenClException.ThrowIfFailed(clGetPlatformInfo(platform, param, 0, null, &size));
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes)
        {
            OpenClException.ThrowIfFailed(clGetPlatformInfo(platform, param, size, b, null));
        }
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }
}
