using System.Text.Json;
using Tessera.Testing;

namespace Tessera.IO.Tests.Zarr;

/// <summary>
/// Stores written once per test class by zarr-python 2.13, numcodecs and xarray (and v3 stores
/// built by hand with numcodecs-encoded chunks), each with the values zarr-python reads from it.
/// </summary>
public sealed class PythonZarrStores : IDisposable
{
    public PythonZarrStores()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tessera-zarr-py-").FullName;
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Zarr", "Scripts", "make_zarr.py")).Replace("@OUT@", Directory);
        Manifest = JsonDocument.Parse(PythonOracle.Run(script)).RootElement;
    }

    public string Directory { get; }

    public JsonElement Manifest { get; }

    public string StoreOf(string name) =>
        Path.Combine(Directory, Manifest.GetProperty(name).TryGetProperty("store", out var s) ? s.GetString()! : name);

    public string ArrayOf(string name) => Manifest.GetProperty(name).GetProperty("array").GetString()!;

    public byte[] Expected(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".bin"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
