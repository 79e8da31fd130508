using System.Diagnostics;
using System.Globalization;
using Tessera;
using Tessera.Arrays;
using Tessera.IO.Hdf5;

// Measures the anonymous resident memory (RssAnon: the heap, not mapped files) of the issue's
// workload: mean and std of a float32 HDF5 dataset read as float64, under a memory limit.
//   MemoryProbe <file.h5> <megabytes> <limit MiB>
// Writes the file (float32, columns of 1000, storage chunks 500 x 1000) when it is missing, then
// prints one line: "peak_rss_anon_mib=… baseline_rss_anon_mib=… seconds=… mean=… std=…".
var path = args[0];
var megabytes = long.Parse(args[1], CultureInfo.InvariantCulture);
var limit = long.Parse(args[2], CultureInfo.InvariantCulture) << 20;
const int Columns = 1000;
var rows = megabytes * 1_000_000 / 4 / Columns / 500 * 500;
if (!File.Exists(path))
{
    using var writer = Hdf5Writer.Create(path);
    var dataset = writer.CreateDataset<float>("/x", [rows, Columns], new Hdf5DatasetOptions { Chunks = [500, Columns] });
    var band = new float[500 * Columns];
    for (long r0 = 0; r0 < rows; r0 += 500)
    {
        for (var i = 0; i < band.Length; i++)
        {
            band[i] = (float)(((r0 * Columns) + i) % 1009) * 0.25f;
        }
        dataset.WriteBlock([r0, 0], [500, Columns], band);
    }
}

GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
var baseline = RssAnon();
long peak = baseline;
using var stop = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        peak = Math.Max(peak, RssAnon());
        await Task.Delay(2);
    }
});
var options = new ComputeOptions { MemoryLimit = limit };
var clock = Stopwatch.StartNew();
var x = BlockedArray.FromHdf5<float>(path, "/x").Astype<double>();
var mean = x.Mean().Compute(options);
var std = x.Std().Compute(options);
clock.Stop();
stop.Cancel();
await sampler;
peak = Math.Max(peak, RssAnon());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"peak_rss_anon_mib={peak >> 20} baseline_rss_anon_mib={baseline >> 20} seconds={clock.Elapsed.TotalSeconds:0.00} mean={mean:R} std={std:R} rows={rows}"));

// RssAnon from /proc/self/status, in bytes.
static long RssAnon()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) << 10;
        }
    }
    throw new PlatformNotSupportedException("No RssAnon in /proc/self/status: the memory probe needs Linux.");
}
