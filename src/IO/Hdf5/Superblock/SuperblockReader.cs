namespace Tessera.IO.Hdf5;

/// <summary>
/// Finds and decodes the superblock. The signature may sit at 0, 512, 1024, 2048, ... (files
/// with a user block), so each power-of-two offset is tried up to the end of the file.
/// </summary>
internal static class SuperblockReader
{
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1a, (byte)'\n'];

    public static SuperblockInfo Read(FileSource source)
    {
        for (long at = 0; at + Signature.Length <= source.Length; at = at == 0 ? 512 : at * 2)
        {
            var sig = source.Read(at, Signature.Length, "superblock signature");
            if (sig.AsSpan().SequenceEqual(Signature))
            {
                var superblock = Decode(source, at);
                CheckNotTruncated(source, superblock);
                return superblock;
            }
        }
        throw new Hdf5FormatException("superblock", 0,
            $"no HDF5 signature found at offsets 0, 512, 1024, ... in a file of {source.Length} bytes. Is this an HDF5/netCDF4 file?");
    }

    private static SuperblockInfo Decode(FileSource source, long at)
    {
        // 256 bytes covers every superblock version with 8-byte offsets and lengths.
        var data = source.ReadUpTo(at, 256, "superblock");
        var head = new ByteCursor(data, at, "superblock");
        head.Skip(8);
        int version = head.U8();
        return version switch
        {
            0 or 1 => DecodeV0V1(data, at, version),
            2 or 3 => DecodeV2V3(data, at, version),
            _ => throw new Hdf5FormatException("superblock", at + 8,
                $"version {version} is not supported (0, 1, 2 and 3 are)."),
        };
    }

    private static SuperblockInfo DecodeV0V1(byte[] data, long at, int version)
    {
        var c = new ByteCursor(data, at, $"superblock v{version}");
        c.Skip(9);
        c.Skip(4); // free-space, root symbol table entry and shared header versions, reserved
        int offsetSize = c.U8();
        int lengthSize = c.U8();
        CheckSizes(offsetSize, lengthSize, at);
        c.Skip(1);
        int leafK = c.U16();
        int internalK = c.U16();
        c.Skip(4); // file consistency flags
        if (version == 1)
        {
            c.Skip(4); // indexed storage internal K and reserved
        }
        c = new ByteCursor(data, at, $"superblock v{version}", offsetSize, lengthSize) { Position = c.Position };
        // Addresses are relative to where the superblock is, whatever the base address field says:
        // h5jam adds a user block without rewriting it, and the HDF5 library reads such files so.
        c.Address();
        c.Address(); // free-space info
        long eof = c.Address();
        c.Address(); // driver information block
        // Root group symbol table entry: link name offset, then the object header address.
        c.Address();
        long root = c.Address();
        if (leafK == 0 || internalK == 0)
        {
            throw new Hdf5FormatException($"superblock v{version}", at, $"group B-tree K values must be positive (leaf {leafK}, internal {internalK}).");
        }
        return new SuperblockInfo(version, at, offsetSize, lengthSize, at, eof, root, leafK, internalK);
    }

    private static SuperblockInfo DecodeV2V3(byte[] data, long at, int version)
    {
        var c = new ByteCursor(data, at, $"superblock v{version}");
        c.Skip(9);
        int offsetSize = c.U8();
        int lengthSize = c.U8();
        CheckSizes(offsetSize, lengthSize, at);
        c.Skip(1); // file consistency flags
        c = new ByteCursor(data, at, $"superblock v{version}", offsetSize, lengthSize) { Position = c.Position };
        // Addresses are relative to where the superblock is, whatever the base address field says:
        // h5jam adds a user block without rewriting it, and the HDF5 library reads such files so.
        c.Address();
        c.Address(); // superblock extension
        long eof = c.Address();
        long root = c.Address();
        int covered = c.Position;
        uint stored = c.U32();
        Lookup3.Verify(data.AsSpan(0, covered), stored, $"superblock v{version}", at);
        return new SuperblockInfo(version, at, offsetSize, lengthSize, at, eof, root, 4, 16);
    }

    private static void CheckNotTruncated(FileSource source, SuperblockInfo sb)
    {
        // The writer records where the file ends; a shorter file lost data at its end (an
        // interrupted copy or download), which the HDF5 library also refuses to open.
        if (Address.IsDefined(sb.EndOfFileAddress) && sb.BaseAddress + sb.EndOfFileAddress > source.Length)
        {
            throw new Hdf5FormatException($"superblock v{sb.Version}", sb.FileOffset,
                $"the file is truncated: the superblock says it ends at byte {sb.BaseAddress + sb.EndOfFileAddress} but it is {source.Length} bytes long. Copy or download it again.");
        }
    }

    private static void CheckSizes(int offsetSize, int lengthSize, long at)
    {
        if (offsetSize is not (2 or 4 or 8) || lengthSize is not (2 or 4 or 8))
        {
            throw new Hdf5FormatException("superblock", at,
                $"size of offsets {offsetSize} / size of lengths {lengthSize} are not valid (2, 4 or 8 expected).");
        }
    }
}
