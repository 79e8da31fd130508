using Tessera.Kernels.OpenCL;

namespace Tessera.Kernels.Tests.OpenCL;

/// <summary>
/// OpenCL device 0, which CI always has (PoCL, installed by ./test.sh). Its absence fails the
/// OpenCL tests with the fix rather than skipping them: the OpenCL backend must be exercised.
/// </summary>
internal static class OpenClTestDevice
{
    public static OpenClBackend Backend => OpenClDevice.Present.Count > 0
        ? OpenClBackend.For(0)
        : throw new InvalidOperationException(
            "No OpenCL device found (libOpenCL.so.1 and an ICD are needed). Install ocl-icd-libopencl1 and pocl-opencl-icd, as ./test.sh does.");
}
