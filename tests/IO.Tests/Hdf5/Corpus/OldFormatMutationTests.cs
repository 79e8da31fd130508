using System.Diagnostics;
using Tessera.IO.Hdf5;
using Xunit.Abstractions;

namespace Tessera.IO.Tests.Hdf5.Corpus;

/// <summary>
/// Seeded byte flipping over the old-layout fixture and a file with one small dataset per
/// decoder issue 25 added (szip, LZF, scale-offset, N-bit, float16, long double): every variant
/// reads or fails with <see cref="Hdf5FormatException"/> or <see cref="NotSupportedException"/>,
/// never with another exception or a hang.
/// </summary>
[Collection(CorpusFilesCollection.Name)]
public sealed class OldFormatMutationTests(CorpusFiles corpus, ITestOutputHelper output)
{
    [Theory]
    [InlineData("old_layouts.h5", 251)]
    [InlineData("mutation_filters.h5", 252)]
    public async Task Read_RandomlyFlippedBytes_GivesDataOrFormatError(string name, int seed)
    {
        var original = File.ReadAllBytes(corpus.PathOf(name));
        using (var clean = Hdf5File.Open(corpus.PathOf(name)))
        {
            ReadEverything(clean.Root);
        }
        var dir = Directory.CreateTempSubdirectory("tessera-mut25-").FullName;
        var rng = new Random(seed);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        int variants = 0, rejected = 0;
        try
        {
            while (variants < 1500 && clock.Elapsed < TimeSpan.FromSeconds(3))
            {
                var bytes = (byte[])original.Clone();
                var flips = new List<string>();
                for (int k = rng.Next(1, 4); k > 0; k--)
                {
                    int at = rng.Next(bytes.Length);
                    byte mask = (byte)rng.Next(1, 256);
                    bytes[at] ^= mask;
                    flips.Add($"{at}^0x{mask:x2}");
                }
                var path = Path.Combine(dir, $"v{variants % 4}.h5");
                File.WriteAllBytes(path, bytes);
                var run = Task.Run(() =>
                {
                    using var file = Hdf5File.Open(path);
                    ReadEverything(file.Root);
                });
                try
                {
                    await run.WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (TimeoutException)
                {
                    failures.Add($"variant {variants} [{string.Join(", ", flips)}]: no result after 10 s");
                    break;
                }
                catch (Exception e) when (e is Hdf5FormatException or NotSupportedException)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"variant {variants} [{string.Join(", ", flips)}]: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
                variants++;
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        output.WriteLine($"{name}: {variants} variants, {rejected} rejected as corrupt");
        Assert.True(failures.Count == 0, $"{failures.Count} of {variants} variants failed badly:\n{string.Join("\n", failures.Take(5))}");
        Assert.True(variants >= 100, $"only {variants} variants ran");
        Assert.True(rejected > 0, "no variant was rejected; the flips are not reaching the structures");
    }

    private static void ReadEverything(Hdf5Group group, int depth = 0)
    {
        foreach (var m in group.Members.Take(50))
        {
            if (m.Name.Length == 0 || m.Name.Contains('/') || m.Name is "." or ".." || depth > 4)
            {
                continue;
            }
            if (m.Kind == Hdf5MemberKind.Group)
            {
                ReadEverything(group.Group(m.Name), depth + 1);
            }
            else if (m.Kind == Hdf5MemberKind.Dataset)
            {
                Read(group.Dataset(m.Name));
            }
        }
    }

    private static void Read(Hdf5Dataset ds)
    {
        _ = ds.FillValue;
        _ = ds.ModificationTime;
        if (ds.Shape.Aggregate(1.0, (p, n) => p * n) * ds.ElementType.Size > 4 << 20
            || (ds.ChunkShape is { } chunk && chunk.Aggregate(1.0, (p, n) => p * n) * ds.ElementType.Size > 4 << 20))
        {
            return; // a corrupt shape may ask for a legitimate but pointless huge read
        }
        switch (ds.ClrName)
        {
            case "sbyte": ds.Read<sbyte>(); break;
            case "byte": ds.Read<byte>(); break;
            case "short": ds.Read<short>(); break;
            case "ushort": ds.Read<ushort>(); break;
            case "int": ds.Read<int>(); break;
            case "uint": ds.Read<uint>(); break;
            case "long": ds.Read<long>(); break;
            case "ulong": ds.Read<ulong>(); break;
            case "Half": ds.Read<Half>(); break;
            case "float": ds.Read<float>(); break;
            case "double": ds.Read<double>(); break;
        }
    }
}
