using System.Text;
using Tessera.Kernels.Gpu;
using Tessera.Kernels.OpenCL.Native;
using static Tessera.Kernels.OpenCL.Native.OpenClNative;

namespace Tessera.Kernels.OpenCL;

/// <summary>
/// A built cl_program and its kernel objects. A cl_kernel holds its arguments, so setting them
/// and enqueueing is one critical section (<see cref="Gate"/>): two threads launching the same
/// kernel must not interleave their clSetKernelArg calls.
/// </summary>
internal sealed unsafe class OpenClProgram
{
    private readonly Dictionary<string, nint> _kernels = [];

    private OpenClProgram(nint handle, GpuKernelSource source)
    {
        Handle = handle;
        Source = source;
        foreach (var name in source.EntryPoints)
        {
            var bytes = Encoding.ASCII.GetBytes(name + "\0");
            int status;
            nint kernel;
            fixed (byte* n = bytes)
            {
                kernel = clCreateKernel(handle, n, &status);
            }
            OpenClException.ThrowIfFailed(status, $"clCreateKernel({name})");
            _kernels[name] = kernel;
        }
    }

    public nint Handle { get; }

    public GpuKernelSource Source { get; }

    public Lock Gate { get; } = new();

    public nint Kernel(string name) => _kernels.TryGetValue(name, out var k)
        ? k
        : throw new ArgumentException($"The program defines {string.Join(", ", _kernels.Keys)}, not {name}.", nameof(name));

    /// <summary>Compiles <paramref name="source"/>; returns the program and the driver's binary for the disk cache.</summary>
    public static (OpenClProgram Program, byte[]? Binary) Compile(nint context, OpenClDevice device, GpuKernelSource source, string options)
    {
        var text = Encoding.UTF8.GetBytes(source.Source);
        int status;
        nint program;
        fixed (byte* t = text)
        {
            var pointer = t;
            var length = (nuint)text.Length;
            program = clCreateProgramWithSource(context, 1, &pointer, &length, &status);
        }
        OpenClException.ThrowIfFailed(status, "clCreateProgramWithSource");
        var built = Build(program, device, options);
        if (built == -11)
        {
            var log = BuildLog(program, device);
            _ = clReleaseProgram(program);
            throw new KernelCompileException($"OpenCL device '{device.Name}' ({device.PlatformName}, options '{options}')", log, source.Source);
        }
        OpenClException.ThrowIfFailed(built, "clBuildProgram");
        return (new OpenClProgram(program, source), Binary(program));
    }

    /// <summary>A program from a cached binary, or null when the driver rejects it (then compile instead).</summary>
    public static OpenClProgram? Load(nint context, OpenClDevice device, GpuKernelSource source, byte[] binary, string options)
    {
        int status, binaryStatus;
        nint program;
        var handle = device.Handle;
        fixed (byte* b = binary)
        {
            var pointer = b;
            var length = (nuint)binary.Length;
            program = clCreateProgramWithBinary(context, 1, &handle, &length, &pointer, &binaryStatus, &status);
        }
        if (status != 0 || binaryStatus != 0)
        {
            if (program != 0)
            {
                _ = clReleaseProgram(program);
            }
            return null;
        }
        if (Build(program, device, options) != 0)
        {
            _ = clReleaseProgram(program);
            return null;
        }
        return new OpenClProgram(program, source);
    }

    private static int Build(nint program, OpenClDevice device, string options)
    {
        var handle = device.Handle;
        var bytes = Encoding.ASCII.GetBytes(options + "\0");
        fixed (byte* o = bytes)
        {
            return clBuildProgram(program, 1, &handle, o, 0, 0);
        }
    }

    private static string BuildLog(nint program, OpenClDevice device)
    {
        nuint size;
        if (clGetProgramBuildInfo(program, device.Handle, OpenClConstants.ProgramBuildLog, 0, null, &size) != 0)
        {
            return "(the driver gave no build log)";
        }
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes)
        {
            OpenClException.ThrowIfFailed(clGetProgramBuildInfo(program, device.Handle, OpenClConstants.ProgramBuildLog, size, b, null));
        }
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    // One device per program, so one binary; drivers that cannot return one give size 0.
    private static byte[]? Binary(nint program)
    {
        nuint size;
        if (clGetProgramInfo(program, OpenClConstants.ProgramBinarySizes, (nuint)sizeof(nuint), &size, null) != 0 || size == 0)
        {
            return null;
        }
        var binary = new byte[(int)size];
        fixed (byte* b = binary)
        {
            var pointer = b;
            if (clGetProgramInfo(program, OpenClConstants.ProgramBinaries, (nuint)sizeof(nint), &pointer, null) != 0)
            {
                return null;
            }
        }
        return binary;
    }
}
