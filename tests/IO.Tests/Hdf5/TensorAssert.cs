using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>Exact comparisons of tensors with numpy's raw little-endian output.</summary>
internal static class TensorAssert
{
    public static T[] Flatten<T>(Tensor<T> tensor)
    {
        var values = new T[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return values;
    }

    public static T[] FromLittleEndian<T>(byte[] bytes) where T : unmanaged
    {
        var values = MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("tests assume a little-endian host");
        }
        return values;
    }

    /// <summary>Bitwise equality (so NaN payloads and -0.0 count), with shape checked first.</summary>
    public static void Equal<T>(byte[] expectedLittleEndian, long[] expectedShape, Tensor<T> actual) where T : unmanaged
    {
        Assert.Equal(expectedShape.Select(s => (nint)s).ToArray(), actual.Lengths.ToArray());
        var got = MemoryMarshal.AsBytes(Flatten(actual).AsSpan()).ToArray();
        Assert.Equal(expectedLittleEndian.Length, got.Length);
        int first = expectedLittleEndian.AsSpan().CommonPrefixLength(got);
        Assert.True(first == got.Length,
            $"first difference at element {first / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()} of {got.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()}");
    }

    public static short ReadInt16(byte[] b, int i) => BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(2 * i));
}
