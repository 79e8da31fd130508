using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.OpenCL;

/// <summary>An OpenCL call failed: the message names the call and the status code (e.g. CL_INVALID_VALUE).</summary>
public sealed class OpenClException : Exception
{
    /// <summary>Creates the exception for <paramref name="status"/> returned by <paramref name="call"/>.</summary>
    public OpenClException(int status, string call)
        : base($"OpenCL call {call} failed with {Name(status)} ({status}). {Hint(status)}")
    {
        Status = status;
    }

    /// <summary>The OpenCL status code (negative).</summary>
    public int Status { get; }

    /// <summary>Throws when <paramref name="status"/> is not CL_SUCCESS; the call's text names it.</summary>
    public static void ThrowIfFailed(int status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status != 0)
        {
            Throw(status, call);
        }
    }

    [DoesNotReturn]
    private static void Throw(int status, string call) => throw new OpenClException(status, call);

    /// <summary>The cl.h name of a status code.</summary>
    public static string Name(int status) => status switch
    {
        0 => "CL_SUCCESS",
        -1 => "CL_DEVICE_NOT_FOUND",
        -2 => "CL_DEVICE_NOT_AVAILABLE",
        -3 => "CL_COMPILER_NOT_AVAILABLE",
        -4 => "CL_MEM_OBJECT_ALLOCATION_FAILURE",
        -5 => "CL_OUT_OF_RESOURCES",
        -6 => "CL_OUT_OF_HOST_MEMORY",
        -7 => "CL_PROFILING_INFO_NOT_AVAILABLE",
        -8 => "CL_MEM_COPY_OVERLAP",
        -11 => "CL_BUILD_PROGRAM_FAILURE",
        -12 => "CL_MAP_FAILURE",
        -14 => "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST",
        -30 => "CL_INVALID_VALUE",
        -31 => "CL_INVALID_DEVICE_TYPE",
        -32 => "CL_INVALID_PLATFORM",
        -33 => "CL_INVALID_DEVICE",
        -34 => "CL_INVALID_CONTEXT",
        -35 => "CL_INVALID_QUEUE_PROPERTIES",
        -36 => "CL_INVALID_COMMAND_QUEUE",
        -37 => "CL_INVALID_HOST_PTR",
        -38 => "CL_INVALID_MEM_OBJECT",
        -42 => "CL_INVALID_BINARY",
        -43 => "CL_INVALID_BUILD_OPTIONS",
        -44 => "CL_INVALID_PROGRAM",
        -45 => "CL_INVALID_PROGRAM_EXECUTABLE",
        -46 => "CL_INVALID_KERNEL_NAME",
        -47 => "CL_INVALID_KERNEL_DEFINITION",
        -48 => "CL_INVALID_KERNEL",
        -49 => "CL_INVALID_ARG_INDEX",
        -50 => "CL_INVALID_ARG_VALUE",
        -51 => "CL_INVALID_ARG_SIZE",
        -52 => "CL_INVALID_KERNEL_ARGS",
        -53 => "CL_INVALID_WORK_DIMENSION",
        -54 => "CL_INVALID_WORK_GROUP_SIZE",
        -55 => "CL_INVALID_WORK_ITEM_SIZE",
        -56 => "CL_INVALID_GLOBAL_OFFSET",
        -57 => "CL_INVALID_EVENT_WAIT_LIST",
        -58 => "CL_INVALID_EVENT",
        -59 => "CL_INVALID_OPERATION",
        -61 => "CL_INVALID_BUFFER_SIZE",
        -63 => "CL_INVALID_GLOBAL_WORK_SIZE",
        -64 => "CL_INVALID_PROPERTY",
        -1001 => "CL_PLATFORM_NOT_FOUND_KHR",
        _ => "an unknown OpenCL status",
    };

    private static string Hint(int status) => status switch
    {
        -4 or -5 or -6 => "The device ran out of memory or resources; use smaller chunks.",
        -1001 or -1 => "No OpenCL platform or device was found; install an ICD (e.g. pocl-opencl-icd) or use Device.Cpu.",
        _ => "This is likely a bug in Tessera's OpenCL backend; please report it with this message.",
    };
}
