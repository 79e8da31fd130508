using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Support;

/// <summary>Moves test arrays to and from a backend's buffers.</summary>
internal static class Buffers
{
    public static IDeviceBuffer Upload(IComputeBackend backend, Array data, params int[] shape)
    {
        var buffer = backend.Allocate(DTypes.FromClrType(data.GetType().GetElementType()!), shape);
        switch (data)
        {
            case float[] f: backend.CopyFromHost<float>(f, buffer); break;
            case double[] d: backend.CopyFromHost<double>(d, buffer); break;
            case int[] i: backend.CopyFromHost<int>(i, buffer); break;
            case long[] l: backend.CopyFromHost<long>(l, buffer); break;
            case bool[] b: backend.CopyFromHost<bool>(b, buffer); break;
            default: throw new ArgumentException(data.GetType().Name);
        }
        return buffer;
    }

    public static Scalar[] Download(IComputeBackend backend, IDeviceBuffer buffer)
    {
        backend.Synchronize();
        var n = (int)buffer.Length;
        Array host = buffer.DType switch
        {
            DType.Float32 => new float[n],
            DType.Float64 => new double[n],
            DType.Int32 => new int[n],
            DType.Int64 => new long[n],
            _ => new bool[n],
        };
        switch (host)
        {
            case float[] f: backend.CopyToHost<float>(buffer, f); break;
            case double[] d: backend.CopyToHost<double>(buffer, d); break;
            case int[] i: backend.CopyToHost<int>(buffer, i); break;
            case long[] l: backend.CopyToHost<long>(buffer, l); break;
            case bool[] b: backend.CopyToHost<bool>(buffer, b); break;
        }
        var result = new Scalar[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = TestData.At(host, i);
        }
        return result;
    }
}
