using System.Globalization;
using Tessera.Testing;

namespace Tessera.Benchmarks.IO;

/// <summary>
/// The h5py side: one Python process reads every file once to warm the page cache, then times
/// <c>f['data'][()]</c> (a fresh NumPy array each time) and prints the median and the sum.
/// </summary>
internal static class Hdf5ReadH5py
{
    public static Dictionary<string, Hdf5ReadTiming> Run(IReadOnlyList<Hdf5BenchFile> files, int repeats)
    {
        var paths = string.Join(", ", files.Select(f => $"({Hdf5BenchFiles.Quote(f.Label)}, {Hdf5BenchFiles.Quote(f.Path)})"));
        var script = $$"""
            import time, statistics, h5py, numpy as np
            for label, path in [{{paths}}]:
                with h5py.File(path, 'r') as f:
                    d = f['data']
                    a = d[()]
                    total = float(a.sum(dtype=np.float64))
                    del a
                    times = []
                    for _ in range({{repeats}}):
                        t = time.perf_counter()
                        a = d[()]
                        times.append(time.perf_counter() - t)
                        del a
                    print(label, repr(statistics.median(times)), repr(total), flush=True)
            """;
        var result = new Dictionary<string, Hdf5ReadTiming>();
        foreach (var line in PythonOracle.Run(script, TimeSpan.FromMinutes(30)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // Labels contain no spaces, so the last two fields are the figures.
            var parts = line.Split(' ');
            result[string.Join(' ', parts[..^2])] = new(
                double.Parse(parts[^2], CultureInfo.InvariantCulture), double.Parse(parts[^1], CultureInfo.InvariantCulture));
        }
        return result;
    }
}
