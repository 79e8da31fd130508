using System.Runtime.InteropServices;

namespace Tessera.Kernels.OpenCL.Native;

/// <summary>
/// The libOpenCL entry points the backend uses (OpenCL 1.2, which every ICD loader exports).
/// Handles are opaque pointers; status codes are checked by <see cref="OpenClException.ThrowIfFailed"/>.
/// </summary>
internal static unsafe partial class OpenClNative
{
    private const string Library = "libOpenCL.so.1";

    [LibraryImport(Library)]
    public static partial int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);

    [LibraryImport(Library)]
    public static partial int clGetPlatformInfo(nint platform, uint param, nuint size, void* value, nuint* sizeReturned);

    [LibraryImport(Library)]
    public static partial int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);

    [LibraryImport(Library)]
    public static partial int clGetDeviceInfo(nint device, uint param, nuint size, void* value, nuint* sizeReturned);

    [LibraryImport(Library)]
    public static partial nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint notify, nint userData, int* status);

    [LibraryImport(Library)]
    public static partial nint clCreateCommandQueue(nint context, nint device, ulong properties, int* status);

    [LibraryImport(Library)]
    public static partial nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPointer, int* status);

    [LibraryImport(Library)]
    public static partial int clReleaseMemObject(nint memory);

    [LibraryImport(Library)]
    public static partial int clEnqueueFillBuffer(nint queue, nint buffer, void* pattern, nuint patternSize, nuint offset, nuint size,
        uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clEnqueueWriteBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* pointer,
        uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clEnqueueReadBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* pointer,
        uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* status);

    [LibraryImport(Library)]
    public static partial nint clCreateProgramWithBinary(nint context, uint numDevices, nint* devices, nuint* lengths, byte** binaries,
        int* binaryStatus, int* status);

    [LibraryImport(Library)]
    public static partial int clBuildProgram(nint program, uint numDevices, nint* devices, byte* options, nint notify, nint userData);

    [LibraryImport(Library)]
    public static partial int clGetProgramBuildInfo(nint program, nint device, uint param, nuint size, void* value, nuint* sizeReturned);

    [LibraryImport(Library)]
    public static partial int clGetProgramInfo(nint program, uint param, nuint size, void* value, nuint* sizeReturned);

    [LibraryImport(Library)]
    public static partial nint clCreateKernel(nint program, byte* name, int* status);

    [LibraryImport(Library)]
    public static partial int clSetKernelArg(nint kernel, uint index, nuint size, void* value);

    [LibraryImport(Library)]
    public static partial int clEnqueueNDRangeKernel(nint queue, nint kernel, uint dimensions, nuint* globalOffset, nuint* globalSize,
        nuint* localSize, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clWaitForEvents(uint numEvents, nint* events);

    [LibraryImport(Library)]
    public static partial int clReleaseEvent(nint evt);

    [LibraryImport(Library)]
    public static partial int clRetainEvent(nint evt);

    [LibraryImport(Library)]
    public static partial int clSetEventCallback(nint evt, int commandExecutionStatus, delegate* unmanaged<nint, int, nint, void> notify, nint userData);

    [LibraryImport(Library)]
    public static partial int clFinish(nint queue);

    [LibraryImport(Library)]
    public static partial int clReleaseKernel(nint kernel);

    [LibraryImport(Library)]
    public static partial int clReleaseProgram(nint program);

    [LibraryImport(Library)]
    public static partial int clReleaseCommandQueue(nint queue);

    [LibraryImport(Library)]
    public static partial int clReleaseContext(nint context);
}
