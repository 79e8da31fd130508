using Tessera.Samples.Tutorial;

// The main sample: the Dask tutorial, part by part. Later parts (HDF5, climate) join as their
// layers land. Options: --out DIR (pictures and traces; default ./out), --size N (arrays are
// N x N; default 4000).
var outDirectory = Option("--out") ?? "out";
var size = long.Parse(Option("--size") ?? "4000", System.Globalization.CultureInfo.InvariantCulture);
Directory.CreateDirectory(outDirectory);

Console.WriteLine($"Tessera tutorial ({Environment.ProcessorCount} cores)");
DelayedPart.Run(outDirectory);
ArrayPart.Run(size);

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
