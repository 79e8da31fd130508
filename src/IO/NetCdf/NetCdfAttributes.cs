using Tessera.IO.Hdf5;

namespace Tessera.IO.NetCdf;

/// <summary>
/// netCDF attributes from HDF5 attributes: the bookkeeping of the netCDF-4 format and the
/// dimension scale API is hidden, and one-element arrays (netCDF stores every numeric
/// attribute as an array) become scalars, as netCDF4-python and xarray show them.
/// </summary>
internal static class NetCdfAttributes
{
    /// <summary>Attributes netCDF-C writes for its own use; ncdump and xarray do not show them.</summary>
    public static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "CLASS", "NAME", "REFERENCE_LIST", "DIMENSION_LIST", "_Netcdf4Dimid", "_Netcdf4Coordinates",
        "_NCProperties", "_nc3_strict", "_IsNetcdf4",
    };

    public static IReadOnlyDictionary<string, object> From(IReadOnlyDictionary<string, Hdf5Attribute> attributes)
    {
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, attribute) in attributes)
        {
            if (Hidden.Contains(name) || attribute.Value is null)
            {
                continue;
            }
            result[name] = attribute.Value switch
            {
                string s => s.TrimEnd('\0'),
                string[] { Length: 1 } a => a[0].TrimEnd('\0'),
                double[] { Length: 1 } a => a[0],
                long[] { Length: 1 } a => a[0],
                ulong[] { Length: 1 } a => a[0],
                var other => other,
            };
        }
        return result;
    }

    /// <summary>A numeric attribute as a double, or null when absent; a clear error when it is not a number.</summary>
    public static double? Number(IReadOnlyDictionary<string, object> attributes, string name, string variable) =>
        !attributes.TryGetValue(name, out var value) ? null : value switch
        {
            double d => d,
            long l => l,
            ulong u => u,
            _ => throw new FormatException(
                $"Variable '{variable}' has attribute {name} = {value}, which is not a number; CF decoding needs a numeric {name}. " +
                "Read it with decode: false and apply your own scaling."),
        };

    /// <summary>A numeric attribute as an array of doubles (one or more values), or empty when absent.</summary>
    public static double[] Numbers(IReadOnlyDictionary<string, object> attributes, string name, string variable) =>
        !attributes.TryGetValue(name, out var value) ? [] : value switch
        {
            double[] a => a,
            long[] a => [.. a.Select(v => (double)v)],
            ulong[] a => [.. a.Select(v => (double)v)],
            _ => [Number(attributes, name, variable)!.Value],
        };

    /// <summary>A string attribute, or null when absent.</summary>
    public static string? Text(IReadOnlyDictionary<string, object> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value as string : null;
}
