namespace Tessera.IO.NetCdf;

/// <summary>Entry points for netCDF-4 files: open one to list and read it, or create one.</summary>
public static class NetCdf
{
    /// <summary>
    /// Opens a netCDF-4 file (HDF5 underneath; netCDF-3 classic files are a different format and are
    /// refused) and lists its dimensions, variables, coordinates and attributes.
    /// </summary>
    public static NetCdfFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            Span<byte> magic = stackalloc byte[4];
            using (var stream = File.OpenRead(path))
            {
                stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            }
            if (magic[0] == (byte)'C' && magic[1] == (byte)'D' && magic[2] == (byte)'F')
            {
                throw new NotSupportedException(
                    $"'{path}' is a netCDF-3 classic file (CDF version {magic[3]}); only netCDF-4 (HDF5) files are read. " +
                    $"Convert it with: nccopy -k nc4 {path} out.nc");
            }
        }
        return new NetCdfFile(path);
    }

    /// <summary>Starts writing a new netCDF-4 file at <paramref name="path"/> (it appears when the writer is disposed).</summary>
    public static NetCdfWriter Create(string path) => new(path);
}
