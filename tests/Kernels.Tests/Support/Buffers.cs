using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Support;

/// <summary>Moves test arrays to and from a backend's buffers.</summary>
internal static class Buffers
{
    public static IDeviceBuffer Upload(IComputeBackend backend, Array data, params int[] shape)
    {
        var buffer = backend.Allocate(DTypes.FromClrType(data.GetType().GetElementType()!), shape);
        typeof(Buffers).GetMethod(nameof(UploadTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(data.GetType().GetElementType()!).Invoke(null, [backend, data, buffer]);
        return buffer;
    }

    public static Scalar[] Download(IComputeBackend backend, IDeviceBuffer buffer)
    {
        backend.Synchronize();
        var n = (int)buffer.Length;
        var host = Array.CreateInstance(buffer.DType.ClrType(), n);
        typeof(Buffers).GetMethod(nameof(DownloadTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(buffer.DType.ClrType()).Invoke(null, [backend, buffer, host]);
        var result = new Scalar[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = TestData.At(host, i);
        }
        return result;
    }

    private static void UploadTyped<T>(IComputeBackend backend, T[] data, IDeviceBuffer buffer) where T : unmanaged =>
        backend.CopyFromHost<T>(data, buffer);

    private static void DownloadTyped<T>(IComputeBackend backend, IDeviceBuffer buffer, T[] host) where T : unmanaged =>
        backend.CopyToHost<T>(buffer, host);
}
