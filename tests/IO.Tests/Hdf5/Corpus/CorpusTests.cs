using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Tessera.IO.Hdf5;
using Xunit.Abstractions;

namespace Tessera.IO.Tests.Hdf5.Corpus;

/// <summary>
/// Issue 25's acceptance check on a corpus of our own: every numeric dataset h5py reads, in
/// files from every writer on the machine, reads here with bit-identical values (long doubles
/// rounded to double, as numpy's astype(float64) rounds them).
/// </summary>
[Collection(CorpusFilesCollection.Name)]
public sealed class CorpusTests(CorpusFiles corpus, ITestOutputHelper output)
{
    /// <summary>The corpus files by writer; a test below checks that this list covers the manifest.</summary>
    public static TheoryData<string> Files => new(FileNames);

    private static readonly string[] FileNames =
    [
        "h5py_earliest.h5", "h5py_v108.h5", "h5py_v110.h5", "h5py_latest.h5",
        "repack_base.h5", "repack_szip_nn8.h5", "repack_szip_ec8.h5", "repack_szip_nn32.h5", "repack_szip_ec16_latest.h5",
        "repack_gzip.h5", "repack_shuffle_gzip.h5", "repack_fletcher.h5", "repack_scaleoffset.h5", "repack_nbit.h5",
        "repack_chunk.h5", "repack_chunk_latest.h5", "repack_compact.h5", "repack_contiguous.h5",
        "netcdf_netcdf4.nc", "netcdf_netcdf4_classic.nc", "pytables.h5", "old_layouts.h5", "mutation_filters.h5",
        "tools_h5import.h5", "tools_h5jam.h5", "tools_h5copy.h5",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryNumericDatasetH5pyReads_ReadsEqualToH5py(string file)
    {
        var entries = corpus.Readable.Where(e => e.File == file).ToList();
        Assert.NotEmpty(entries);
        using var h5 = Hdf5File.Open(corpus.PathOf(file));
        var failures = new List<string>();
        foreach (var e in entries)
        {
            try
            {
                var ds = h5.Dataset(e.Path);
                bool equal = e.Clr switch
                {
                    "sbyte" => Same<sbyte>(ds, e),
                    "byte" => Same<byte>(ds, e),
                    "short" => Same<short>(ds, e),
                    "ushort" => Same<ushort>(ds, e),
                    "int" => Same<int>(ds, e),
                    "uint" => Same<uint>(ds, e),
                    "long" => Same<long>(ds, e),
                    "ulong" => Same<ulong>(ds, e),
                    "Half" => Same<Half>(ds, e),
                    "float" => Same<float>(ds, e),
                    "double" => Same<double>(ds, e),
                    _ => throw new InvalidOperationException($"manifest names CLR type {e.Clr}, which this test does not know."),
                };
                if (!equal)
                {
                    failures.Add($"{e.Path} ({e.Clr}): values differ from h5py's");
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{e.Path} ({e.Clr}): {ex.GetType().Name}: {ex.Message}");
            }
        }
        output.WriteLine($"{file}: {entries.Count - failures.Count} of {entries.Count} numeric datasets equal to h5py");
        Assert.True(failures.Count == 0, $"{failures.Count} of {entries.Count} datasets in {file} fail:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Corpus_CoversEveryWriterAndIsLarge()
    {
        var known = FileNames.ToHashSet();
        var unknown = corpus.Readable.Select(e => e.File).Where(f => !known.Contains(f) && !f.StartsWith("unsupported_", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.True(unknown.Count == 0, "files in the manifest without a test case: " + string.Join(", ", unknown));
        Assert.True(corpus.Readable.Count >= 500, $"only {corpus.Readable.Count} numeric datasets in the corpus");
        output.WriteLine($"{corpus.Readable.Count} numeric datasets h5py reads; {corpus.Refused.Count} it cannot");
    }

    [Fact]
    public void PluginFiltersH5pyCannotReadEither_AreRefusedWithIdAndFix()
    {
        Assert.NotEmpty(corpus.Refused);
        foreach (var e in corpus.Refused)
        {
            using var h5 = Hdf5File.Open(corpus.PathOf(e.File));
            var ex = Assert.Throws<NotSupportedException>(() => h5.Dataset(e.Path).Read<double>());
            Assert.Contains($"(id {e.Filters.First(id => id >= 256)})", ex.Message);
            Assert.Contains("h5repack", ex.Message);
        }
    }

    [Fact]
    public void VirtualDataset_IsRefusedNamingTheStructureVersionAndRelease()
    {
        using var h5 = Hdf5File.Open(corpus.PathOf("unsupported_vds.h5"));
        var ex = Assert.Throws<NotSupportedException>(() => h5.Dataset("/virtual"));
        Assert.Contains("virtual dataset", ex.Message);
        Assert.Contains("version 4", ex.Message);
        Assert.Contains("HDF5 1.10", ex.Message);
    }

    [Fact]
    public void ExternalStorage_IsRefusedNotReadAsFill()
    {
        using var h5 = Hdf5File.Open(corpus.PathOf("unsupported_external.h5"));
        var ex = Assert.Throws<NotSupportedException>(() => h5.Dataset("/external"));
        Assert.Contains("external data files message version 1", ex.Message);
        Assert.Contains("h5repack -l CONTI", ex.Message);
    }

    private bool Same<T>(Hdf5Dataset ds, CorpusFiles.Entry e) where T : unmanaged
    {
        var tensor = ds.Read<T>();
        var shape = e.Shape.Length == 0 ? [1] : e.Shape.Select(s => (nint)s).ToArray();
        Assert.Equal(shape, tensor.Lengths.ToArray());
        var values = new T[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return MemoryMarshal.AsBytes(values.AsSpan()).SequenceEqual(corpus.Expected(e));
    }
}
