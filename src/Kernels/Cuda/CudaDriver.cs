using System.Runtime.InteropServices;
using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// The process-wide CUDA driver: libcuda loaded and cuInit called once, on first use. When either
/// fails, <see cref="Unavailable"/> says why and nothing here throws until a caller insists on
/// the driver (<see cref="Api"/>), so probing a machine without CUDA is quiet and fast.
/// </summary>
internal static unsafe class CudaDriver
{
    private static readonly Lazy<State> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether libcuda loaded and cuInit succeeded.</summary>
    public static bool IsAvailable => Loaded.Value.Api is not null;

    /// <summary>Why the driver cannot be used; null when it can.</summary>
    public static string? Unavailable => Loaded.Value.Failure;

    /// <summary>cuDriverGetVersion: 1000 * major + 10 * minor (12040 for CUDA 12.4); 0 when absent.</summary>
    public static int Version => Loaded.Value.Version;

    /// <summary>The path libcuda was loaded from.</summary>
    public static string LoadedFrom => Loaded.Value.Path;

    /// <summary>The entry points.</summary>
    /// <exception cref="NotSupportedException">No usable CUDA driver; the message says what was looked for.</exception>
    public static CudaDriverApi Api => Loaded.Value.Api ?? throw new NotSupportedException(Loaded.Value.Failure);

    /// <summary>The CUDA_ERROR_* name and the driver's description of <paramref name="result"/>.</summary>
    public static (string Name, string Text) Describe(int result)
    {
        var api = Loaded.IsValueCreated ? Loaded.Value.Api : null;
        if (api is null)
        {
            return (CuResult.KnownName(result), "no description (the driver is not loaded)");
        }
        byte* name = null, text = null;
        var n = api.GetErrorName(result, &name) == CuResult.Success && name != null
            ? Marshal.PtrToStringUTF8((nint)name) ?? CuResult.KnownName(result)
            : CuResult.KnownName(result);
        var t = api.GetErrorString(result, &text) == CuResult.Success && text != null
            ? Marshal.PtrToStringUTF8((nint)text) ?? "unknown error"
            : "unknown error";
        return (n, t);
    }

    private static State Load()
    {
        if (!NativeLibraries.TryLoad(CudaLibrary.Driver, CudaLibraryNames.Driver, out var handle, out var path, out var tried))
        {
            return new(null, $"no CUDA driver found (looked for {tried}). Install the NVIDIA driver, or use Device.Cpu / Device.OpenCL().", 0, "");
        }
        CudaDriverApi api;
        try
        {
            api = new CudaDriverApi(handle, path);
        }
        catch (EntryPointNotFoundException e)
        {
            return new(null, e.Message, 0, path);
        }
        var init = api.Init(0);
        if (init != CuResult.Success)
        {
            var name = CuResult.KnownName(init);
            byte* text = null;
            if (api.GetErrorName(init, &text) == CuResult.Success && text != null)
            {
                name = Marshal.PtrToStringUTF8((nint)text) ?? name;
            }
            return new(null,
                $"the CUDA driver at {path} is present but cuInit failed with {name} ({init}): no usable NVIDIA GPU " +
                "(none installed, none visible through CUDA_VISIBLE_DEVICES, or the driver does not match the kernel module).", 0, path);
        }
        int version;
        CudaException.ThrowIfFailed(api.DriverGetVersion(&version));
        return new(api, null, version, path);
    }

    private sealed record State(CudaDriverApi? Api, string? Failure, int Version, string Path);
}
