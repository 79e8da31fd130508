namespace Tessera.IO.Hdf5;

/// <summary>A group or dataset being written: both carry attributes.</summary>
public abstract partial class Hdf5ObjectWriter
{
    private protected Hdf5ObjectWriter(Hdf5Writer file, string path)
    {
        File = file;
        Path = path;
    }

    /// <summary>The object's path in the file, e.g. "/climate/temperature".</summary>
    public string Path { get; }

    internal Hdf5Writer File { get; }

    internal Dictionary<string, object> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Sets an attribute: a string (stored as variable-length UTF-8, which h5py reads as str), an
    /// <see cref="Hdf5FixedString"/> (a fixed-length string),
    /// a number (float, double, or an integer of 1–8 bytes), or a one-dimensional array of numbers.
    /// </summary>
    public void SetAttribute(string name, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        File.ThrowIfClosed();
        var type = value is Array array ? array.GetType().GetElementType()! : value.GetType();
        if (value is not string and not Hdf5FixedString && !(IsNumber(type) && (value is not Array a || a.Rank == 1)))
        {
            throw new ArgumentException(
                $"Attribute '{name}' on '{Path}' is a {value.GetType().Name}; attributes can be a string, a number " +
                "(float, double, integers of 1 to 8 bytes) or a one-dimensional array of numbers.", nameof(value));
        }
        lock (Attributes)
        {
            Attributes[name] = value is Array copy ? copy.Clone() : value;
        }
    }

    private static bool IsNumber(Type t) =>
        t == typeof(float) || t == typeof(double) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(short)
        || t == typeof(ushort) || t == typeof(int) || t == typeof(uint) || t == typeof(long) || t == typeof(ulong);

    /// <summary>The raw little-endian bytes of a number or number array.</summary>
    internal static byte[] NumberBytes(object value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The HDF5 writer assumes a little-endian machine.");
        }
        return value switch
        {
            Array array => ArrayBytes(array),
            double v => BitConverter.GetBytes(v),
            float v => BitConverter.GetBytes(v),
            long v => BitConverter.GetBytes(v),
            ulong v => BitConverter.GetBytes(v),
            int v => BitConverter.GetBytes(v),
            uint v => BitConverter.GetBytes(v),
            short v => BitConverter.GetBytes(v),
            ushort v => BitConverter.GetBytes(v),
            sbyte v => [(byte)v],
            byte v => [v],
            _ => throw new ArgumentException($"{value.GetType().Name} is not a number type HDF5 attributes support."),
        };
    }

    private static byte[] ArrayBytes(Array array)
    {
        var bytes = new byte[Buffer.ByteLength(array)];
        Buffer.BlockCopy(array, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
