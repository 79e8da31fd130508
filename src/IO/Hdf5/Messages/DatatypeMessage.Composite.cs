namespace Tessera.IO.Hdf5;

/// <summary>Compound, enumeration, variable-length and array datatypes (they nest other types).</summary>
internal sealed partial class DatatypeMessage
{
    private static DatatypeMessage Compound(ref ByteCursor c, int version, int size, uint bits, int depth)
    {
        int count = (int)(bits & 0xFFFF);
        var members = new List<CompoundMember>(Math.Min(count, 1024));
        // Version 3 stores member offsets in just enough bytes to address the whole record.
        int offsetBytes = size < 256 ? 1 : size < 65536 ? 2 : size < 16777216 ? 3 : 4;
        for (int i = 0; i < count; i++)
        {
            int nameStart = c.Position;
            string name = c.CString();
            if (version < 3)
            {
                // Names are NUL-padded to a multiple of 8 counted from the name's start.
                int used = c.Position - nameStart;
                c.Skip((8 - used % 8) % 8);
            }
            long offset;
            if (version == 1)
            {
                offset = c.U32();
                c.Skip(1 + 3 + 4 + 4 + 16); // dimensionality, reserved, permutation, reserved, dims
            }
            else if (version == 2)
            {
                offset = c.U32();
            }
            else
            {
                offset = (long)c.UInt(offsetBytes);
            }
            var type = Parse(ref c, depth + 1);
            members.Add(new CompoundMember(name, offset, type));
        }
        return new DatatypeMessage { Class = Hdf5TypeClass.Compound, Version = version, Size = size, Members = members };
    }

    private static DatatypeMessage Enumerated(ref ByteCursor c, int version, int size, uint bits, int depth)
    {
        int count = (int)(bits & 0xFFFF);
        var baseType = Parse(ref c, depth + 1);
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            int nameStart = c.Position;
            names[i] = c.CString();
            if (version < 3)
            {
                int used = c.Position - nameStart;
                c.Skip((8 - used % 8) % 8);
            }
        }
        if ((long)count * baseType.Size > c.Remaining)
        {
            throw c.Fail($"{count} enumeration values of {baseType.Size} bytes do not fit the message.");
        }
        var values = c.Bytes(count * baseType.Size);
        var enumMembers = new (string, long)[baseType.Size <= 8 ? count : 0];
        for (int i = 0; i < enumMembers.Length; i++)
        {
            enumMembers[i] = (names[i], ValueDecoder.ReadInteger(values.Slice(i * baseType.Size, baseType.Size), baseType.ByteOrder, baseType.IsSigned));
        }
        return new DatatypeMessage
        {
            Class = Hdf5TypeClass.Enumerated,
            Version = version,
            Size = size,
            BaseType = baseType,
            ByteOrder = baseType.ByteOrder,
            IsSigned = baseType.IsSigned,
            EnumMembers = enumMembers,
        };
    }

    private static DatatypeMessage VariableLength(ref ByteCursor c, int version, int size, uint bits, int depth)
    {
        var baseType = Parse(ref c, depth + 1);
        return new DatatypeMessage
        {
            Class = Hdf5TypeClass.VariableLength,
            Version = version,
            Size = size,
            BaseType = baseType,
            IsVariableLengthString = (bits & 0x0F) == 1,
            StringPadding = (int)((bits >> 4) & 0x0F),
            CharSet = (int)((bits >> 8) & 0x0F),
        };
    }

    private static DatatypeMessage ArrayType(ref ByteCursor c, int version, int size, int depth)
    {
        int rank = c.U8();
        if (version < 3)
        {
            c.Skip(3);
        }
        var dims = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = c.U32();
        }
        if (version < 3)
        {
            c.Skip(4 * rank); // permutation indices (never used by the library)
        }
        var baseType = Parse(ref c, depth + 1);
        return new DatatypeMessage { Class = Hdf5TypeClass.Array, Version = version, Size = size, BaseType = baseType, ArrayDimensions = dims };
    }
}
