// The main sample: the Dask tutorial, part by part, ending with a climate workload on HDF5.
// Options: --out DIR (files written; default ./out), --size N (arrays are N x N; default 4000),
// --climate-gb G (size of the generated temperature dataset; default 1), --only PART
// (delayed, arrays, bag, dataframe, timeseries, climate or ml), --ml-rows N (rows of the
// classification data set; default 1,000,000), --dashboard (serve the live dashboard on
// http://127.0.0.1:8787 while the parts run, and write out/performance-report.html).
using System.Globalization;
using Tessera.Diagnostics;
using Tessera.Samples.Tutorial;

var outDirectory = Option("--out") ?? "out";
var size = long.Parse(Option("--size") ?? "4000", CultureInfo.InvariantCulture);
var climateGigabytes = double.Parse(Option("--climate-gb") ?? "1", CultureInfo.InvariantCulture);
var only = Option("--only");
Directory.CreateDirectory(outDirectory);

// Both watch every computation of the process, so the parts below need no change for them.
using var dashboard = args.Contains("--dashboard") ? Dashboard.Start() : null;
using var report = args.Contains("--dashboard") ? PerformanceReport.Start(Path.Combine(outDirectory, "performance-report.html")) : null;
if (dashboard is not null)
{
    Console.WriteLine($"Dashboard: {dashboard.Url} (the performance report goes to {report!.Path})");
}

// The version first: it loads the facade, which registers the GPU backends' device probes, so the
// best device below is the best present (Core alone knows only the CPU).
Console.WriteLine($"Tessera {Tessera.TesseraInfo.Version} tutorial ({Environment.ProcessorCount} cores, " +
                  $"best device: {Tessera.Device.Default})");
if (only is null or "delayed")
{
    DelayedPart.Run(outDirectory);
}
if (only is null or "arrays")
{
    ArrayPart.Run(size);
}
if (only is null or "bag")
{
    BagPart.Run(outDirectory);
}
if (only is null or "dataframe")
{
    DataFramePart.Run(outDirectory);
    StoragePart.Run(outDirectory);
}
if (only is null or "timeseries")
{
    TimeSeriesPart.Run();
}
if (only is null or "climate")
{
    ClimatePart.Run(outDirectory, climateGigabytes);
}
if (only is null or "ml")
{
    MLPart.Run(long.Parse(Option("--ml-rows") ?? "1000000", CultureInfo.InvariantCulture));
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
