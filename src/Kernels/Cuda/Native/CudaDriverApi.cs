namespace Tessera.Kernels.Cuda.Native;

/// <summary>
/// The libcuda entry points this backend calls, as function pointers read once from the loaded
/// library (no DllImport resolver, so the load order of the three CUDA libraries cannot bite).
/// Versioned names (<c>_v2</c>) are the 64-bit-size ABI every CUDA 11+ driver exports; the plain
/// names without a <c>_v2</c> twin are stable. Every function returns a CUresult (0 = success).
/// </summary>
#pragma warning disable CA1051, SA1401 // A table of native entry points: fields are the natural shape.
internal sealed unsafe class CudaDriverApi
{
    public readonly delegate* unmanaged<uint, int> Init;
    public readonly delegate* unmanaged<int*, int> DriverGetVersion;
    public readonly delegate* unmanaged<int, byte**, int> GetErrorName;
    public readonly delegate* unmanaged<int, byte**, int> GetErrorString;
    public readonly delegate* unmanaged<int*, int> DeviceGetCount;
    public readonly delegate* unmanaged<int*, int, int> DeviceGet;
    public readonly delegate* unmanaged<byte*, int, int, int> DeviceGetName;
    public readonly delegate* unmanaged<nuint*, int, int> DeviceTotalMem;
    public readonly delegate* unmanaged<int*, int, int, int> DeviceGetAttribute;
    public readonly delegate* unmanaged<nint*, int, int> DevicePrimaryCtxRetain;
    public readonly delegate* unmanaged<int, int> DevicePrimaryCtxRelease;
    public readonly delegate* unmanaged<nint, int> CtxPushCurrent;
    public readonly delegate* unmanaged<nint*, int> CtxPopCurrent;
    public readonly delegate* unmanaged<int> CtxSynchronize;
    public readonly delegate* unmanaged<nint*, uint, int> StreamCreate;
    public readonly delegate* unmanaged<nint, int> StreamDestroy;
    public readonly delegate* unmanaged<nint, int> StreamSynchronize;
    public readonly delegate* unmanaged<nint, nint, uint, int> StreamWaitEvent;
    public readonly delegate* unmanaged<nint*, uint, int> EventCreate;
    public readonly delegate* unmanaged<nint, int> EventDestroy;
    public readonly delegate* unmanaged<nint, nint, int> EventRecord;
    public readonly delegate* unmanaged<nint, int> EventQuery;
    public readonly delegate* unmanaged<nint, int> EventSynchronize;
    public readonly delegate* unmanaged<float*, nint, nint, int> EventElapsedTime;
    public readonly delegate* unmanaged<nint*, void*, int> ModuleLoadData;
    public readonly delegate* unmanaged<nint, int> ModuleUnload;
    public readonly delegate* unmanaged<nint*, nint, byte*, int> ModuleGetFunction;
    public readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> LaunchKernel;
    public readonly delegate* unmanaged<ulong*, nuint, int> MemAlloc;
    public readonly delegate* unmanaged<ulong, int> MemFree;
    public readonly delegate* unmanaged<nuint*, nuint*, int> MemGetInfo;
    public readonly delegate* unmanaged<void**, nuint, uint, int> MemHostAlloc;
    public readonly delegate* unmanaged<void*, int> MemFreeHost;
    public readonly delegate* unmanaged<ulong, void*, nuint, nint, int> MemcpyHtoDAsync;
    public readonly delegate* unmanaged<void*, ulong, nuint, nint, int> MemcpyDtoHAsync;
    public readonly delegate* unmanaged<ulong, ulong, nuint, nint, int> MemcpyDtoDAsync;
    public readonly delegate* unmanaged<ulong, byte, nuint, nint, int> MemsetD8Async;

    public CudaDriverApi(nint library, string path)
    {
        nint Get(string name) => NativeLibraries.RequiredExport(library, path, name);
        Init = (delegate* unmanaged<uint, int>)Get("cuInit");
        DriverGetVersion = (delegate* unmanaged<int*, int>)Get("cuDriverGetVersion");
        GetErrorName = (delegate* unmanaged<int, byte**, int>)Get("cuGetErrorName");
        GetErrorString = (delegate* unmanaged<int, byte**, int>)Get("cuGetErrorString");
        DeviceGetCount = (delegate* unmanaged<int*, int>)Get("cuDeviceGetCount");
        DeviceGet = (delegate* unmanaged<int*, int, int>)Get("cuDeviceGet");
        DeviceGetName = (delegate* unmanaged<byte*, int, int, int>)Get("cuDeviceGetName");
        DeviceTotalMem = (delegate* unmanaged<nuint*, int, int>)Get("cuDeviceTotalMem_v2");
        DeviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)Get("cuDeviceGetAttribute");
        DevicePrimaryCtxRetain = (delegate* unmanaged<nint*, int, int>)Get("cuDevicePrimaryCtxRetain");
        DevicePrimaryCtxRelease = (delegate* unmanaged<int, int>)Get("cuDevicePrimaryCtxRelease_v2");
        CtxPushCurrent = (delegate* unmanaged<nint, int>)Get("cuCtxPushCurrent_v2");
        CtxPopCurrent = (delegate* unmanaged<nint*, int>)Get("cuCtxPopCurrent_v2");
        CtxSynchronize = (delegate* unmanaged<int>)Get("cuCtxSynchronize");
        StreamCreate = (delegate* unmanaged<nint*, uint, int>)Get("cuStreamCreate");
        StreamDestroy = (delegate* unmanaged<nint, int>)Get("cuStreamDestroy_v2");
        StreamSynchronize = (delegate* unmanaged<nint, int>)Get("cuStreamSynchronize");
        StreamWaitEvent = (delegate* unmanaged<nint, nint, uint, int>)Get("cuStreamWaitEvent");
        EventCreate = (delegate* unmanaged<nint*, uint, int>)Get("cuEventCreate");
        EventDestroy = (delegate* unmanaged<nint, int>)Get("cuEventDestroy_v2");
        EventRecord = (delegate* unmanaged<nint, nint, int>)Get("cuEventRecord");
        EventQuery = (delegate* unmanaged<nint, int>)Get("cuEventQuery");
        EventSynchronize = (delegate* unmanaged<nint, int>)Get("cuEventSynchronize");
        // CUDA 12.8 added the _v2 (which reports only elapsed time, not pending errors); older drivers have the plain one.
        var elapsed = NativeLibraries.Export(library, "cuEventElapsedTime_v2");
        EventElapsedTime = (delegate* unmanaged<float*, nint, nint, int>)(elapsed != 0 ? elapsed : Get("cuEventElapsedTime"));
        ModuleLoadData = (delegate* unmanaged<nint*, void*, int>)Get("cuModuleLoadData");
        ModuleUnload = (delegate* unmanaged<nint, int>)Get("cuModuleUnload");
        ModuleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)Get("cuModuleGetFunction");
        LaunchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)Get("cuLaunchKernel");
        MemAlloc = (delegate* unmanaged<ulong*, nuint, int>)Get("cuMemAlloc_v2");
        MemFree = (delegate* unmanaged<ulong, int>)Get("cuMemFree_v2");
        MemGetInfo = (delegate* unmanaged<nuint*, nuint*, int>)Get("cuMemGetInfo_v2");
        MemHostAlloc = (delegate* unmanaged<void**, nuint, uint, int>)Get("cuMemHostAlloc");
        MemFreeHost = (delegate* unmanaged<void*, int>)Get("cuMemFreeHost");
        MemcpyHtoDAsync = (delegate* unmanaged<ulong, void*, nuint, nint, int>)Get("cuMemcpyHtoDAsync_v2");
        MemcpyDtoHAsync = (delegate* unmanaged<void*, ulong, nuint, nint, int>)Get("cuMemcpyDtoHAsync_v2");
        MemcpyDtoDAsync = (delegate* unmanaged<ulong, ulong, nuint, nint, int>)Get("cuMemcpyDtoDAsync_v2");
        MemsetD8Async = (delegate* unmanaged<ulong, byte, nuint, nint, int>)Get("cuMemsetD8Async");
    }
}
#pragma warning restore CA1051, SA1401
