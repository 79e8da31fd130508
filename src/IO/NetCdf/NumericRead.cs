using Tessera.IO.Hdf5;

namespace Tessera.IO.NetCdf;

/// <summary>
/// Reads a hyperslab of any numeric stored type and CF-decodes it into float or double in one
/// pass over a pooled buffer of the stored values: the decoding is fused into the read.
/// </summary>
public static class NumericRead
{
    /// <summary>Reads <paramref name="selection"/> and decodes it into <paramref name="destination"/> (float or double).</summary>
    public static void Decoded<T>(Hdf5Dataset dataset, Hyperslab selection, CfEncoding encoding, Span<T> destination, bool maskInvalid)
        where T : unmanaged
    {
        var type = dataset.ElementType;
        switch (type.Class, type.Size, type.IsSigned)
        {
            case (Hdf5TypeClass.FloatingPoint, 4, _): Run<float, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FloatingPoint, 8, _): Run<double, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 1, true): Run<sbyte, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 1, false): Run<byte, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 2, true): Run<short, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 2, false): Run<ushort, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 4, true): Run<int, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 4, false): Run<uint, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 8, true): Run<long, T>(dataset, selection, encoding, destination, maskInvalid); break;
            case (Hdf5TypeClass.FixedPoint, 8, false): Run<ulong, T>(dataset, selection, encoding, destination, maskInvalid); break;
            default:
                throw new NotSupportedException(
                    $"Variable '{dataset.Path}' stores {type}; CF decoding reads integers of 1 to 8 bytes, float32 and float64.");
        }
    }

    private static void Run<TStored, T>(Hdf5Dataset dataset, Hyperslab selection, CfEncoding encoding, Span<T> destination, bool maskInvalid)
        where TStored : unmanaged, System.Numerics.INumberBase<TStored>
        where T : unmanaged
    {
        var rented = System.Buffers.ArrayPool<TStored>.Shared.Rent(destination.Length);
        try
        {
            var stored = rented.AsSpan(0, destination.Length);
            dataset.ReadInto(selection, new ArraySegment<TStored>(rented, 0, destination.Length));
            if (typeof(T) == typeof(float))
            {
                encoding.Decode<TStored>(stored, System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination), maskInvalid);
            }
            else if (typeof(T) == typeof(double))
            {
                encoding.Decode<TStored>(stored, System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination), maskInvalid);
            }
            else
            {
                throw new NotSupportedException($"CF decoding produces float or double, not {typeof(T).Name}.");
            }
        }
        finally
        {
            System.Buffers.ArrayPool<TStored>.Shared.Return(rented);
        }
    }
}
