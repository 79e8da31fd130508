namespace Tessera.IO.Hdf5;

/// <summary>
/// The client data HDF5 stores for the scale-offset filter: scale type, scale factor, elements per
/// chunk, class (0 integer, 1 float), element size, sign, byte order, whether a fill value is
/// defined, then the fill value's bytes packed little-endian into the following 32-bit values.
/// </summary>
internal sealed record ScaleOffsetParameters(int ScaleType, int ScaleFactor, int Count, bool IsInteger, int Size,
    bool BigEndian, bool FillDefined, byte[] Fill)
{
    public static ScaleOffsetParameters From(IReadOnlyList<int> cd, long chunkOffset)
    {
        if (cd.Count < 8)
        {
            throw new Hdf5FormatException("scale-offset filter parameters", chunkOffset, $"{cd.Count} values are stored; at least 8 are required.");
        }
        var fill = new byte[Math.Max(0, (cd.Count - 8) * 4)];
        for (int i = 8; i < cd.Count; i++)
        {
            BitConverter.TryWriteBytes(fill.AsSpan((i - 8) * 4), cd[i]);
        }
        var p = new ScaleOffsetParameters(cd[0], cd[1], cd[2], cd[3] == 0, cd[4], cd[6] == 1, cd[7] == 1, fill);
        bool sizeOk = p.IsInteger ? p.Size is 1 or 2 or 4 or 8 : p.Size is 4 or 8;
        if (cd[3] is not (0 or 1) || !sizeOk || p.Count < 0 || (p.FillDefined && fill.Length < p.Size))
        {
            throw new Hdf5FormatException("scale-offset filter parameters", chunkOffset,
                $"class {cd[3]}, element size {cd[4]}, {cd[2]} elements and {fill.Length} fill bytes do not describe integer (1-8 bytes) or float (4, 8 bytes) data.");
        }
        if (!p.IsInteger && p.ScaleType != 0)
        {
            throw new NotSupportedException(
                $"The chunk at byte offset {chunkOffset} uses scale-offset scale type {p.ScaleType} (E-scaling), which HDF5 itself never implemented: " +
                "no release writes it. Rewrite the dataset with D-scaling (H5Pset_scaleoffset with H5Z_SO_FLOAT_DSCALE).");
        }
        return p;
    }
}
