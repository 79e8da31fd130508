namespace Tessera.Kernels.Cuda.Native;

/// <summary>
/// The libnvrtc entry points, as function pointers. Every function returns an nvrtcResult
/// (0 = success). The CUBIN getters (CUDA 11.1+) and the supported-architecture list (11.2+) are
/// optional: without them the compiler emits PTX and lets the driver finish the job.
/// </summary>
#pragma warning disable CA1051, SA1401 // A table of native entry points: fields are the natural shape.
internal sealed unsafe class NvrtcApi
{
    public readonly delegate* unmanaged<int*, int*, int> Version;
    public readonly delegate* unmanaged<int, byte*> GetErrorString;
    public readonly delegate* unmanaged<int*, int> GetNumSupportedArchs;
    public readonly delegate* unmanaged<int*, int> GetSupportedArchs;
    public readonly delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int> CreateProgram;
    public readonly delegate* unmanaged<nint*, int> DestroyProgram;
    public readonly delegate* unmanaged<nint, int, byte**, int> CompileProgram;
    public readonly delegate* unmanaged<nint, nuint*, int> GetProgramLogSize;
    public readonly delegate* unmanaged<nint, byte*, int> GetProgramLog;
    public readonly delegate* unmanaged<nint, nuint*, int> GetPtxSize;
    public readonly delegate* unmanaged<nint, byte*, int> GetPtx;
    public readonly delegate* unmanaged<nint, nuint*, int> GetCubinSize;
    public readonly delegate* unmanaged<nint, byte*, int> GetCubin;

    public NvrtcApi(nint library, string path)
    {
        nint Get(string name) => NativeLibraries.RequiredExport(library, path, name);
        Version = (delegate* unmanaged<int*, int*, int>)Get("nvrtcVersion");
        GetErrorString = (delegate* unmanaged<int, byte*>)Get("nvrtcGetErrorString");
        GetNumSupportedArchs = (delegate* unmanaged<int*, int>)NativeLibraries.Export(library, "nvrtcGetNumSupportedArchs");
        GetSupportedArchs = (delegate* unmanaged<int*, int>)NativeLibraries.Export(library, "nvrtcGetSupportedArchs");
        CreateProgram = (delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int>)Get("nvrtcCreateProgram");
        DestroyProgram = (delegate* unmanaged<nint*, int>)Get("nvrtcDestroyProgram");
        CompileProgram = (delegate* unmanaged<nint, int, byte**, int>)Get("nvrtcCompileProgram");
        GetProgramLogSize = (delegate* unmanaged<nint, nuint*, int>)Get("nvrtcGetProgramLogSize");
        GetProgramLog = (delegate* unmanaged<nint, byte*, int>)Get("nvrtcGetProgramLog");
        GetPtxSize = (delegate* unmanaged<nint, nuint*, int>)Get("nvrtcGetPTXSize");
        GetPtx = (delegate* unmanaged<nint, byte*, int>)Get("nvrtcGetPTX");
        GetCubinSize = (delegate* unmanaged<nint, nuint*, int>)NativeLibraries.Export(library, "nvrtcGetCUBINSize");
        GetCubin = (delegate* unmanaged<nint, byte*, int>)NativeLibraries.Export(library, "nvrtcGetCUBIN");
    }

    /// <summary>Whether this NVRTC can emit CUBIN (machine code) rather than only PTX.</summary>
    public bool CanEmitCubin => GetCubinSize != null && GetCubin != null;
}
#pragma warning restore CA1051, SA1401
