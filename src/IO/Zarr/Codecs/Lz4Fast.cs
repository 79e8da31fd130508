using K4os.Compression.LZ4.Engine;

namespace Tessera.IO.Zarr.Codecs;

/// <summary>
/// LZ4 block compression with an acceleration factor, as c-blosc 1.x compresses its LZ4 streams:
/// acceleration 10 - clevel (clevel 5, zarr-python's default, compresses at acceleration 5).
/// </summary>
/// <remarks>
/// Why: <c>LZ4Codec.Encode</c> always compresses at acceleration 1, which searched matches about
/// twice as long as c-blosc does for the same level: an 8.3 MB float32 chunk took 42 ms against
/// c-blosc's 25 ms, and the Zarr workflow's time was mostly this encoding. K4os exposes the
/// accelerated compressor only through its streaming context; a fresh context per stream makes
/// each stream an independent LZ4 block, which is what Blosc frames hold.
/// </remarks>
internal static class Lz4Fast
{
    /// <summary>c-blosc's acceleration for LZ4 at <paramref name="level"/> (1 to 8; level 9 uses LZ4 HC instead).</summary>
    public static int Acceleration(int level) => Math.Clamp(10 - level, 1, 9);

    /// <summary>Compresses <paramref name="source"/> into <paramref name="target"/>; the bytes written, or 0 when they do not fit.</summary>
    public static unsafe int Encode(ReadOnlySpan<byte> source, Span<byte> target, int acceleration)
    {
        if (source.IsEmpty)
        {
            return 0;
        }
        using var context = new Pubternal.FastContext();
        fixed (byte* input = source)
        fixed (byte* output = target)
        {
            return Pubternal.CompressFast(context, input, output, source.Length, target.Length, acceleration);
        }
    }
}
