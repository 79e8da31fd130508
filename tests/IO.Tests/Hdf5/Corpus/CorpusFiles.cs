using System.Text.Json;
using Tessera.Testing;

namespace Tessera.IO.Tests.Hdf5.Corpus;

/// <summary>
/// Generates the issue-25 corpus once per run (Scripts/make_corpus.py: h5py with every libver,
/// h5repack with every filter and layout, netCDF4, PyTables, the hand-built old-layout file),
/// then has a fresh interpreter list what h5py reads in it (Scripts/corpus_manifest.py).
/// </summary>
public sealed class CorpusFiles : IDisposable
{
    public CorpusFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tessera-hdf5-corpus-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var scripts = Path.Combine(AppContext.BaseDirectory, "Hdf5", "Scripts");
        string Script(string name) => File.ReadAllText(Path.Combine(scripts, name))
            .Replace("@OUT@", Directory).Replace("@FIXTURES@", FixtureDirectory);
        PythonOracle.Run(Script("make_corpus.py"));
        PythonOracle.Run(Script("corpus_manifest.py"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "manifest.json")));
        Readable = manifest.RootElement.GetProperty("readable").EnumerateArray().Select(e => new Entry(
            e.GetProperty("file").GetString()!, e.GetProperty("path").GetString()!, e.GetProperty("clr").GetString()!,
            e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray(), e.GetProperty("bin").GetString()!)).ToList();
        Refused = manifest.RootElement.GetProperty("refused").EnumerateArray().Select(e => new RefusedEntry(
            e.GetProperty("file").GetString()!, e.GetProperty("path").GetString()!,
            e.GetProperty("filters").EnumerateArray().Select(x => x.GetInt32()).ToArray())).ToList();
    }

    /// <summary>Where the fixture generators (make_old_layouts.py) are copied with the tests.</summary>
    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Hdf5", "Fixtures");

    private static readonly Lazy<string> s_oldLayouts = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "tessera-old-layouts-" + Guid.NewGuid().ToString("N") + ".h5");
        var script = Path.Combine(FixtureDirectory, "make_old_layouts.py");
        PythonOracle.Run($"import runpy, sys\nsys.argv = ['make_old_layouts.py', r'{path}']\nrunpy.run_path(r'{script}', run_name='__main__')");
        return path;
    });

    /// <summary>old_layouts.h5, written byte by byte by Fixtures/make_old_layouts.py once per run (no library writes layout v1/v2 any more).</summary>
    public static string OldLayoutsPath => s_oldLayouts.Value;

    public string Directory { get; }

    /// <summary>Every numeric dataset h5py reads, with the file holding its values.</summary>
    public IReadOnlyList<Entry> Readable { get; }

    /// <summary>Numeric datasets h5py itself cannot read (plugin filters), with their filter ids.</summary>
    public IReadOnlyList<RefusedEntry> Refused { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public byte[] Expected(Entry e) => File.ReadAllBytes(Path.Combine(Directory, e.Bin));

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

    /// <summary>One dataset h5py reads: the CLR type that reads it here, its shape and expected values.</summary>
    public sealed record Entry(string File, string Path, string Clr, long[] Shape, string Bin);

    /// <summary>One dataset h5py cannot read, with the ids of its filters.</summary>
    public sealed record RefusedEntry(string File, string Path, int[] Filters);
}

/// <summary>
/// Runs alone, after the parallel collections: its byte-flipping test and the other suite's
/// count variants per second, and sharing two cores would starve both.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CorpusFilesCollection : ICollectionFixture<CorpusFiles>
{
    public const string Name = "hdf5 corpus";
}
