using System.Globalization;
using System.Text.Json;
using Tessera.Testing;

namespace Tessera.ML.Tests;

/// <summary>
/// Runs one scikit-learn script per test class on matrices written to a temp folder as raw
/// little-endian float64 (read with numpy.fromfile), and returns the named arrays the script
/// prints as JSON. Debian's python3-sklearn 1.2 is the reference.
/// </summary>
internal sealed class SklearnOracle : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-ml-").FullName;

    /// <summary>Writes <paramref name="values"/> as <paramref name="name"/>.bin; the script reads it as <c>load('name', cols)</c>.</summary>
    public void Write(string name, double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(Path.Combine(_folder, name + ".bin"), bytes);
    }

    /// <summary>Runs <paramref name="body"/> after a prelude defining <c>load</c> and <c>out</c>; returns what it put in <c>out</c>.</summary>
    public Dictionary<string, double[]> Run(string body)
    {
        var script = $$"""
            import json, warnings
            import numpy as np
            import sklearn
            warnings.simplefilter('ignore')
            assert sklearn.__version__.startswith('1.'), sklearn.__version__
            folder = {{JsonSerializer.Serialize(_folder)}}
            def load(name, cols=None):
                a = np.fromfile(folder + '/' + name + '.bin', dtype='<f8')
                return a if cols is None else a.reshape(-1, cols)
            out = {}
            """ + "\n" + body + "\nprint(json.dumps({k: [float(v) for v in np.ravel(val)] for k, val in out.items()}))\n";
        string json;
        try
        {
            json = PythonOracle.Run(script);
        }
        catch (InvalidOperationException error) when (error.Message.Contains("No module named 'sklearn'", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"scikit-learn is missing from {PythonOracle.Interpreter}: these tests compare with it. Install Debian's " +
                "python3-sklearn (apt-get install python3-sklearn) or set TESSERA_PYTHON to an interpreter that has it.", error);
        }
        return JsonSerializer.Deserialize<Dictionary<string, double[]>>(json.Trim().Split('\n')[^1])!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Formats a double for a Python literal.</summary>
    public static string Py(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
