using System.Runtime.InteropServices;
using System.Text;
using Tessera.Kernels.Cuda.Native;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.Cuda.Compiler;

/// <summary>Compiled kernel code ready for cuModuleLoadData.</summary>
/// <param name="Image">CUBIN bytes, or PTX text with its terminating zero.</param>
/// <param name="Target">What was emitted.</param>
/// <param name="Log">NVRTC's log (warnings), usually empty.</param>
internal sealed record CompiledCuda(byte[] Image, NvrtcTarget Target, string Log);

/// <summary>Compiles CUDA C++ source with NVRTC for one device.</summary>
internal static unsafe class CudaCompiler
{
    private const int NvrtcErrorCompilation = 6;

    /// <summary>NVRTC's version as (major, minor).</summary>
    public static (int Major, int Minor) Version
    {
        get
        {
            int major, minor;
            ThrowIfFailed(CudaLibraries.Nvrtc.Version(&major, &minor));
            return (major, minor);
        }
    }

    /// <summary>The architectures this NVRTC can emit code for (e.g. 50 … 90), or null when it cannot say (before CUDA 11.2).</summary>
    public static IReadOnlyList<int>? SupportedArchitectures()
    {
        var api = CudaLibraries.Nvrtc;
        if (api.GetNumSupportedArchs == null || api.GetSupportedArchs == null)
        {
            return null;
        }
        int count;
        ThrowIfFailed(api.GetNumSupportedArchs(&count));
        var archs = new int[count];
        fixed (int* p = archs)
        {
            ThrowIfFailed(api.GetSupportedArchs(p));
        }
        return archs;
    }

    /// <summary>The target for a device of this compute capability with the NVRTC that is installed.</summary>
    public static NvrtcTarget TargetFor((int Major, int Minor) computeCapability) =>
        NvrtcTarget.Choose(computeCapability, SupportedArchitectures(), CudaLibraries.Nvrtc.CanEmitCubin);

    /// <summary>Compiles <paramref name="source"/>.</summary>
    /// <exception cref="KernelCompileException">The source does not compile; the message has the log and the source.</exception>
    public static CompiledCuda Compile(string source, string programName, NvrtcTarget target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var api = CudaLibraries.Nvrtc;
        var options = target.Options();
        nint program;
        fixed (byte* src = Utf8z(source), name = Utf8z(programName))
        {
            ThrowIfFailed(api.CreateProgram(&program, src, name, 0, null, null));
        }
        try
        {
            var status = CompileWithOptions(api, program, options);
            var log = ReadLog(api, program);
            if (status == NvrtcErrorCompilation)
            {
                var (major, minor) = Version;
                throw new KernelCompileException($"CUDA (NVRTC {major}.{minor}, {string.Join(' ', options)})", log, source);
            }
            ThrowIfFailed(status);
            return new(target.IsCubin ? ReadCubin(api, program) : ReadPtx(api, program), target, log);
        }
        finally
        {
            api.DestroyProgram(&program);
        }
    }

    private static int CompileWithOptions(NvrtcApi api, nint program, IReadOnlyList<string> options)
    {
        var handles = new GCHandle[options.Count];
        var pointers = new nint[options.Count];
        try
        {
            for (var i = 0; i < options.Count; i++)
            {
                handles[i] = GCHandle.Alloc(Utf8z(options[i]), GCHandleType.Pinned);
                pointers[i] = handles[i].AddrOfPinnedObject();
            }
            fixed (nint* p = pointers)
            {
                return api.CompileProgram(program, options.Count, (byte**)p);
            }
        }
        finally
        {
            foreach (var h in handles)
            {
                if (h.IsAllocated)
                {
                    h.Free();
                }
            }
        }
    }

    private static string ReadLog(NvrtcApi api, nint program)
    {
        nuint size;
        ThrowIfFailed(api.GetProgramLogSize(program, &size));
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            ThrowIfFailed(api.GetProgramLog(program, p));
        }
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    private static byte[] ReadCubin(NvrtcApi api, nint program)
    {
        nuint size;
        ThrowIfFailed(api.GetCubinSize(program, &size));
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            ThrowIfFailed(api.GetCubin(program, p));
        }
        return bytes;
    }

    // The size includes the terminating zero cuModuleLoadData needs to recognise PTX text.
    private static byte[] ReadPtx(NvrtcApi api, nint program)
    {
        nuint size;
        ThrowIfFailed(api.GetPtxSize(program, &size));
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            ThrowIfFailed(api.GetPtx(program, p));
        }
        return bytes;
    }

    private static byte[] Utf8z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static void ThrowIfFailed(int status, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status != 0)
        {
            var text = Marshal.PtrToStringUTF8((nint)CudaLibraries.Nvrtc.GetErrorString(status)) ?? $"nvrtcResult {status}";
            throw new CudaException($"NVRTC call {call} failed with {text} ({status}).") { Status = status };
        }
    }
}
