using System.Diagnostics;
using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.Diagnostics;
using Tessera.IO.Hdf5;
using Tessera.IO.Zarr;

namespace Tessera.Samples.Tutorial;

/// <summary>
/// A climate-style workload end to end: generate a (time, lat, lon) float32 temperature
/// dataset in netCDF-4 with CF coordinates, compute its climatology (the long-term mean per grid
/// point) and the anomalies against it, write the anomalies to netCDF-4 (dimensions, coordinates,
/// units), which xarray opens as a labelled dataset, and report throughput.
/// </summary>
internal static class ClimatePart
{
    private const int Lat = 180, Lon = 360;

    public static void Run(string outDirectory, double gigabytes)
    {
        Console.WriteLine();
        Console.WriteLine("== Climate: temperature anomalies from netCDF-4 ==");
        var steps = Math.Max(1, (long)(gigabytes * (1L << 30) / (Lat * Lon * sizeof(float))));
        var input = Path.Combine(outDirectory, "temperature.nc");
        var output = Path.Combine(outDirectory, "anomaly.nc");
        var bytes = steps * Lat * Lon * sizeof(float);
        var options = new ComputeOptions { Device = Device.Default, Observers = [new ConsoleProgressBar(force: true)] };
        Console.WriteLine($"dataset: {steps} days x {Lat} lat x {Lon} lon float32 = {bytes / (1024.0 * 1024 * 1024):0.00} GiB on {options.Device}");

        var watch = Stopwatch.StartNew();
        var storage = new Hdf5DatasetOptions { Chunks = [32, Lat, Lon] };
        Temperature(steps).ToNetCdf(input, "temperature", ["time", "lat", "lon"], Coordinates(steps),
            new Dictionary<string, object> { ["units"] = "K", ["standard_name"] = "air_temperature" }, storage, options);
        Console.WriteLine($"generated {input} in {watch.Elapsed.TotalSeconds:0.0}s ({Rate(bytes, watch.Elapsed)})");

        watch.Restart();
        var t = BlockedArray.FromNetCdf<float>(input, "temperature");
        var labels = t.Labels()!; // dimensions and coordinates, which the anomalies keep
        var climatology = t.Mean(axis: 0, keepDims: true);
        var anomaly = t - climatology;
        anomaly.ToNetCdf(output, "anomaly", labels.Dimensions, labels.Coordinates,
            new Dictionary<string, object> { ["units"] = "K", ["long_name"] = "temperature anomaly against the climatology" },
            storage, options);
        var elapsed = watch.Elapsed;
        Console.WriteLine($"climatology and anomalies written to {output} in {elapsed.TotalSeconds:0.0}s " +
                          $"({Rate(2 * bytes, elapsed)} read, {Rate(bytes, elapsed)} written; the input is read twice: mean, then anomalies)");

        watch.Restart();
        Console.WriteLine($"open it in xarray: xr.open_dataset(\"{Path.GetFullPath(output)}\").anomaly  # dims (time, lat, lon), CF coordinates");
        var check = BlockedArray.FromNetCdf<float>(output, "anomaly");
        var meanAnomaly = check.Astype<double>().Mean().Compute(options);
        var spread = check.Std().Compute(options);
        Console.WriteLine($"summary: mean anomaly {meanAnomaly:E2} (≈ 0 by construction), anomaly std {spread:0.00} K " +
                          $"in {watch.Elapsed.TotalSeconds:0.0}s");

        // A Zarr copy for cloud-style readers: one chunk file per block, Blosc-compressed as zarr-python writes.
        watch.Restart();
        var zarr = Path.Combine(outDirectory, "anomaly.zarr");
        check.ToZarr(zarr, "anomaly", new ZarrWriteOptions
        {
            DimensionNames = labels.Dimensions,
            Attributes = new System.Text.Json.Nodes.JsonObject { ["units"] = "K" },
        }, options);
        Console.WriteLine($"Zarr copy written to {zarr} in {watch.Elapsed.TotalSeconds:0.0}s; " +
                          $"open it in xarray: xr.open_zarr(\"{Path.GetFullPath(zarr)}\").anomaly");
    }

    /// <summary>Daily times from 2000-01-01 and the grid's cell-centre latitudes and longitudes.</summary>
    private static Dictionary<string, Array> Coordinates(long steps) => new()
    {
        ["time"] = Enumerable.Range(0, (int)steps).Select(d => new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(d)).ToArray(),
        ["lat"] = Enumerable.Range(0, Lat).Select(i => i - 89.5).ToArray(),
        ["lon"] = Enumerable.Range(0, Lon).Select(i => i + 0.5).ToArray(),
    };

    /// <summary>A plausible temperature field: warm tropics, a seasonal cycle that flips by hemisphere, weather noise.</summary>
    private static BlockedArray<float> Temperature(long steps) =>
        BlockedArray.FromFunction<float>([steps, Lat, Lon], [32, Lat, Lon], (index, shape) =>
        {
            var start = index[0] * 32L;
            var values = new float[shape[0] * Lat * Lon];
            var random = new Random(unchecked((int)start));
            var i = 0;
            for (var day = 0; day < shape[0]; day++)
            {
                var season = Math.Cos(2 * Math.PI * (start + day) / 365.25);
                for (var lat = 0; lat < Lat; lat++)
                {
                    var latitude = (lat - 89.5) * Math.PI / 180;
                    var baseline = 288 + (25 * Math.Cos(latitude)) - 15;
                    var seasonal = -12 * Math.Sin(latitude) * season;
                    for (var lon = 0; lon < Lon; lon++)
                    {
                        values[i++] = (float)(baseline + seasonal + (3 * ((random.NextDouble() * 2) - 1)));
                    }
                }
            }
            return Tensor.Create(values, [(nint)shape[0], Lat, Lon]);
        }, name: $"temperature-{steps}");

    private static string Rate(long bytes, TimeSpan elapsed) => $"{bytes / elapsed.TotalSeconds / (1 << 20):0} MiB/s";
}
