using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Tests.Support;

/// <summary>Checks for element types a backend does not hold.</summary>
internal static class BackendAssert
{
    /// <summary>A type the backend does not hold is refused at allocation with a message naming it and the way out.</summary>
    public static void RefusesClearly(IComputeBackend backend, DType dtype)
    {
        var error = Assert.Throws<NotSupportedException>(() => backend.Allocate(dtype, [4]));
        Assert.Contains(dtype.NumPyName(), error.Message);
        Assert.Contains("Device.Cpu", error.Message);
    }
}
