using System.Diagnostics;
using Tessera.IO.Hdf5;
using Xunit.Abstractions;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// Seeded byte flipping over small valid files: every variant must either read (flips in raw
/// data legitimately change values) or fail with <see cref="Hdf5FormatException"/> (or
/// <see cref="NotSupportedException"/> where a flip turns a field into a valid but
/// unimplemented feature) - never IndexOutOfRange, overflow, out-of-memory or a hang.
/// </summary>
[Collection(Hdf5FilesCollection.Name)]
public sealed class MutationTests(Hdf5Files files, ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-mut-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("small_earliest.h5", 11)]
    [InlineData("small_latest.h5", 22)]
    [InlineData("small.nc", 33)]
    [InlineData("medium_latest.h5", 44)]
    public async Task Read_RandomlyFlippedBytes_GivesDataOrFormatError(string name, int seed)
    {
        var original = File.ReadAllBytes(files.PathOf(name));
        using (var clean = Hdf5File.Open(files.PathOf(name)))
        {
            RobustnessWalker.Walk(clean); // the unmutated file must read completely
        }
        // TESSERA_MUTATION_SECONDS / _SEED allow long local soak runs with other seeds.
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("TESSERA_MUTATION_SECONDS"), out var s) ? s : 5;
        int maxVariants = seconds > 5 ? int.MaxValue : 2000;
        if (int.TryParse(Environment.GetEnvironmentVariable("TESSERA_MUTATION_SEED"), out var extra))
        {
            seed += extra;
        }
        var rng = new Random(seed);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        int variants = 0, formatErrors = 0;
        // At least 100 variants however slow the host (a loaded machine once ran only 2 in the time
        // box); past that, bounded by count and by time so the suite stays fast.
        const int MinimumVariants = 100;
        while (variants < MinimumVariants || (variants < maxVariants && clock.Elapsed < TimeSpan.FromSeconds(seconds)))
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
            var path = Path.Combine(_dir, $"v{variants % 8}.h5");
            File.WriteAllBytes(path, bytes);
            var run = Task.Run(() =>
            {
                using var file = Hdf5File.Open(path);
                RobustnessWalker.Walk(file);
            });
            try
            {
                await run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                failures.Add($"variant {variants} [{string.Join(", ", flips)}]: no result after 10 s (hang)");
                break;
            }
            catch (Exception e) when (e is Hdf5FormatException or NotSupportedException)
            {
                formatErrors++;
            }
            catch (Exception e)
            {
                failures.Add($"variant {variants} [{string.Join(", ", flips)}]: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            variants++;
        }
        output.WriteLine($"{name}: {variants} variants, {formatErrors} rejected as corrupt, {failures.Count} bad outcomes");
        Assert.True(failures.Count == 0, $"{failures.Count} of {variants} variants failed badly:\n{string.Join("\n", failures.Take(5))}");
        Assert.True(formatErrors > 0, "no variant was detected as corrupt; the mutations are not reaching metadata");
    }
}
