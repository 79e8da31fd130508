namespace Tessera.IO.Hdf5;

/// <summary>Filter pipeline message (0x000B), versions 1 (8-byte padded) and 2 (packed).</summary>
internal static class FilterPipelineMessage
{
    public static IReadOnlyList<Hdf5Filter> Parse(ref ByteCursor c)
    {
        long start = c.FileOffset;
        int version = c.U8();
        int count = c.U8();
        if (version is not (1 or 2))
        {
            throw new Hdf5FormatException(c.Structure, start, $"filter pipeline version {version} is not valid (1 or 2 expected).");
        }
        if (count > 32)
        {
            throw new Hdf5FormatException(c.Structure, start, $"{count} filters exceed the format's limit of 32.");
        }
        if (version == 1)
        {
            c.Skip(6);
        }
        var filters = new List<Hdf5Filter>(count);
        for (int i = 0; i < count; i++)
        {
            int id = c.U16();
            int nameLength = version == 1 || id >= 256 ? c.U16() : 0;
            int flags = c.U16();
            int valueCount = c.U16();
            string name = "";
            if (nameLength > 0)
            {
                var raw = c.Bytes(version == 1 ? (nameLength + 7) / 8 * 8 : nameLength);
                int nul = raw.IndexOf((byte)0);
                name = System.Text.Encoding.ASCII.GetString(nul < 0 ? raw : raw[..nul]);
            }
            var values = new int[valueCount];
            for (int v = 0; v < valueCount; v++)
            {
                values[v] = (int)c.U32();
            }
            if (version == 1 && valueCount % 2 == 1)
            {
                c.Skip(4);
            }
            filters.Add(new Hdf5Filter(id, name.Length > 0 ? name : Hdf5Filter.KnownName(id), values, (flags & 1) != 0));
        }
        return filters;
    }
}
