namespace Tessera.IO.NetCdf;

/// <summary>A netCDF dimension: a name shared by the axes of the variables that use it.</summary>
/// <param name="Name">The dimension's name, e.g. "time".</param>
/// <param name="Length">Its current length.</param>
/// <param name="IsUnlimited">Whether it can grow (netCDF's unlimited, or record, dimension).</param>
public sealed record NetCdfDimension(string Name, long Length, bool IsUnlimited);
