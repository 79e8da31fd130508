using Tessera.Testing;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// Generates the reference files once per test run: h5py with libver earliest (superblock v0,
/// v1 headers, symbol tables, B-tree v1 chunks) and latest (v3 superblock, v2 headers, dense
/// groups, v4 chunk indexes), and a netCDF4 file. Each dataset's values are also written by
/// numpy as little-endian raw bytes, the oracle the reader is compared against.
/// </summary>
public sealed class Hdf5Files : IDisposable
{
    public Hdf5Files()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tessera-hdf5-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var scripts = Path.Combine(AppContext.BaseDirectory, "Hdf5", "Scripts");
        string h5py = File.ReadAllText(Path.Combine(scripts, "make_h5py.py")).Replace("@OUT@", Directory);
        string netcdf = File.ReadAllText(Path.Combine(scripts, "make_netcdf.py")).Replace("@OUT@", Directory);
        string small = File.ReadAllText(Path.Combine(scripts, "make_small.py")).Replace("@OUT@", Directory);
        // Four interpreters in parallel: generation is most of the fixture's cost.
        Parallel.Invoke(
            () => PythonOracle.Run(h5py.Replace("@NAME@", "earliest").Replace("@LIBVER@", "earliest")),
            () => PythonOracle.Run(h5py.Replace("@NAME@", "latest").Replace("@LIBVER@", "latest")),
            () => PythonOracle.Run(netcdf),
            () => PythonOracle.Run(small));
    }

    public string Directory { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>The expected values of <paramref name="key"/> in <paramref name="file"/> ("earliest", "latest", "climate").</summary>
    public byte[] Expected(string file, string key) => File.ReadAllBytes(Path.Combine(Directory, $"{file}.{key}.bin"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a run for it.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class Hdf5FilesCollection : ICollectionFixture<Hdf5Files>
{
    public const string Name = "hdf5 files";
}
