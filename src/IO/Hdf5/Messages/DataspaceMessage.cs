namespace Tessera.IO.Hdf5;

/// <summary>Dataspace message (0x0001), versions 1 and 2: rank, current and maximum sizes.</summary>
internal sealed class DataspaceMessage
{
    public const long Unlimited = -1;

    public required long[] Dimensions { get; init; }
    /// <summary>Maximum sizes; <see cref="Unlimited"/> marks an unlimited axis. Equals Dimensions when absent.</summary>
    public required long[] MaxDimensions { get; init; }
    /// <summary>A null dataspace holds no elements at all.</summary>
    public bool IsNull { get; init; }

    public long ElementCount
    {
        get
        {
            if (IsNull)
            {
                return 0;
            }
            long n = 1;
            foreach (var d in Dimensions)
            {
                n = checked(n * d);
            }
            return n;
        }
    }

    public static DataspaceMessage Parse(ref ByteCursor c)
    {
        long start = c.FileOffset;
        int version = c.U8();
        int rank = c.U8();
        int flags = c.U8();
        bool isNull = false;
        if (version == 1)
        {
            c.Skip(5);
        }
        else if (version == 2)
        {
            isNull = c.U8() == 2;
        }
        else
        {
            throw new Hdf5FormatException(c.Structure, start, $"dataspace version {version} is not valid (1 or 2 expected).");
        }
        if (rank > 32)
        {
            throw new Hdf5FormatException(c.Structure, start, $"dataspace rank {rank} exceeds the format's limit of 32.");
        }
        var dims = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = c.LengthField();
            if (dims[i] == long.MaxValue)
            {
                throw new Hdf5FormatException(c.Structure, start, $"dimension {i} has an impossible size.");
            }
        }
        var max = (long[])dims.Clone();
        if ((flags & 1) != 0)
        {
            for (int i = 0; i < rank; i++)
            {
                var field = c.Bytes(c.LengthSize);
                max[i] = field.IndexOfAnyExcept((byte)0xFF) < 0 ? Unlimited : (long)Math.Min(ReadLe(field), long.MaxValue - 1);
            }
        }
        // Element counts times element sizes must stay representable; anything near 2^63 is corrupt.
        double product = 1;
        foreach (var d in dims)
        {
            product *= d;
        }
        if (product > (double)(1L << 56))
        {
            throw new Hdf5FormatException(c.Structure, start, $"dimensions [{string.Join(", ", dims)}] hold an implausible number of elements.");
        }
        return new DataspaceMessage { Dimensions = dims, MaxDimensions = max, IsNull = isNull };
    }

    private static ulong ReadLe(ReadOnlySpan<byte> b)
    {
        ulong v = 0;
        for (int i = b.Length - 1; i >= 0; i--)
        {
            v = (v << 8) | b[i];
        }
        return v;
    }
}
