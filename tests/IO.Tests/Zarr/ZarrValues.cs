using System.Runtime.InteropServices;
using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>Reads a Zarr array of any element type as raw little-endian bytes and compares with an oracle's bytes.</summary>
internal static class ZarrValues
{
    public static byte[] ReadBytes(ZarrArray array) => array.DType switch
    {
        DType.Float16 => Bytes(array.Read<Half>()),
        DType.Float32 => Bytes(array.Read<float>()),
        DType.Float64 => Bytes(array.Read<double>()),
        DType.Int8 => Bytes(array.Read<sbyte>()),
        DType.Int16 => Bytes(array.Read<short>()),
        DType.Int32 => Bytes(array.Read<int>()),
        DType.Int64 => Bytes(array.Read<long>()),
        DType.UInt8 => Bytes(array.Read<byte>()),
        DType.UInt16 => Bytes(array.Read<ushort>()),
        DType.UInt32 => Bytes(array.Read<uint>()),
        DType.UInt64 => Bytes(array.Read<ulong>()),
        DType.Bool => Bytes(array.Read<bool>()),
        _ => throw new NotSupportedException(array.DType.ToString()),
    };

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>Equal element by element, every NaN equal to every NaN (NaN payloads differ between writers).</summary>
    public static void AssertEqual(DType dtype, byte[] expected, byte[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} bytes read, {expected.Length} expected");
        var size = dtype.Size();
        for (var i = 0; i < expected.Length; i += size)
        {
            var e = expected.AsSpan(i, size);
            var a = actual.AsSpan(i, size);
            if (e.SequenceEqual(a) || (IsNaN(dtype, e) && IsNaN(dtype, a)))
            {
                continue;
            }
            Assert.Fail($"{what}: element {i / size} differs: read {Convert.ToHexString(a)}, expected {Convert.ToHexString(e)}");
        }
    }

    private static bool IsNaN(DType dtype, ReadOnlySpan<byte> value) => dtype switch
    {
        DType.Float16 => Half.IsNaN(MemoryMarshal.Read<Half>(value)),
        DType.Float32 => float.IsNaN(MemoryMarshal.Read<float>(value)),
        DType.Float64 => double.IsNaN(MemoryMarshal.Read<double>(value)),
        _ => false,
    };
}
