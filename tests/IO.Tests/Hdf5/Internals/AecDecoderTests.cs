using System.Buffers.Binary;
using System.Diagnostics;
using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Internals;

/// <summary>
/// The CCSDS 121.0 decoder against streams libaec's own encoder writes (the aec tool of Debian's
/// libaec-tools), over parameters HDF5's szip filter never uses: odd sample widths, 24-bit
/// samples, every block size, long and short reference intervals, with and without the
/// preprocessor. The data mix smooth runs, noise and zeros so every coding option occurs.
/// </summary>
public sealed class AecDecoderTests
{
    [Theory]
    [InlineData(5, 8, 4, true)]
    [InlineData(8, 16, 128, true)]
    [InlineData(12, 16, 32, true)]
    [InlineData(16, 64, 200, true)]
    [InlineData(16, 32, 7, false)]
    [InlineData(24, 32, 64, true)]
    [InlineData(32, 8, 16, false)]
    [InlineData(32, 32, 4096, true)]
    public void Decode_StreamsLibaecEncodes_GivesTheSamples(int bits, int blockSize, int rsi, bool preprocess)
    {
        var samples = Samples(bits, 5003, seed: bits * 1000 + blockSize + rsi);
        int width = bits > 16 ? 4 : bits > 8 ? 2 : 1;
        var raw = new byte[samples.Length * width];
        for (int i = 0; i < samples.Length; i++)
        {
            for (int k = 0; k < width; k++)
            {
                raw[i * width + k] = (byte)(samples[i] >> (8 * k));
            }
        }
        var dir = Directory.CreateTempSubdirectory("tessera-aec-").FullName;
        try
        {
            var input = Path.Combine(dir, "samples.raw");
            var encoded = Path.Combine(dir, "samples.aec");
            File.WriteAllBytes(input, raw);
            var args = new List<string> { "-n", bits.ToString(), "-j", blockSize.ToString(), "-r", rsi.ToString() };
            if (!preprocess)
            {
                args.Add("-N");
            }
            RunAec([.. args, input, encoded]);
            var stream = File.ReadAllBytes(encoded);
            var decoded = new AecDecoder(bits, blockSize, rsi, preprocess, 0).Decode(stream, samples.Length);
            Assert.Equal(samples, decoded);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static uint[] Samples(int bits, int count, int seed)
    {
        var rng = new Random(seed);
        ulong max = (1UL << bits) - 1;
        var s = new uint[count];
        long x = (long)(max / 2);
        for (int i = 0; i < count; i++)
        {
            int phase = i / 700 % 4;
            x = phase switch
            {
                0 => x + rng.Next(-3, 4),                      // smooth: low-entropy options
                1 => (long)(rng.NextDouble() * max),           // noise: split samples, uncompressed blocks
                2 => 0,                                        // zeros: zero-block runs
                _ => x + rng.Next(-200, 201),
            };
            x = Math.Clamp(x, 0, (long)max);
            s[i] = (uint)x;
        }
        return s;
    }

    private static void RunAec(IReadOnlyList<string> args)
    {
        const string Tool = "/usr/bin/aec";
        if (!File.Exists(Tool))
        {
            throw new InvalidOperationException($"{Tool} is missing. Run ./test.sh (it installs libaec-tools) or apt-get install libaec-tools.");
        }
        var psi = new ProcessStartInfo(Tool, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"aec {string.Join(' ', args)} failed: {err.Result}");
    }
}
