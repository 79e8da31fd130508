using Tessera.Samples.Tutorial;

// The main sample: the Dask tutorial, part by part. Later parts (arrays, HDF5) join as
// their layers land. Options: --out DIR (where pictures and traces go; default ./out).
var outDirectory = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "out";
Directory.CreateDirectory(outDirectory);

Console.WriteLine($"Tessera tutorial ({Environment.ProcessorCount} cores)");
DelayedPart.Run(outDirectory);
