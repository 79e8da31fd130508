using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Internals;

/// <summary>
/// The filter decoders of issue 25 on hand-made streams: the smallest valid forms, and corrupt
/// ones, which must be format errors naming the structure (the corpus test covers real files).
/// </summary>
public sealed class OldFilterDecoderTests
{
    [Fact]
    public void Lzf_LiteralsAndOverlappingBackReference_Decode()
    {
        // 2 => three literals "abc"; 0x20, 0x00 => length 1+2 = 3 at distance 1 (repeats 'c').
        byte[] stream = [2, (byte)'a', (byte)'b', (byte)'c', 0x20, 0x00];
        Assert.Equal("abcccc"u8.ToArray(), LzfFilter.Decode(stream, 6, 0));
    }

    [Theory]
    [InlineData(new byte[] { 5, 1, 2 }, "literal")]
    [InlineData(new byte[] { 0, 1, 0x20, 0x05 }, "back-reference")]
    [InlineData(new byte[] { 0, 1, 0xE0 }, "ends inside a back-reference")]
    public void Lzf_CorruptStream_IsFormatError(byte[] stream, string expected)
    {
        var ex = Assert.Throws<Hdf5FormatException>(() => LzfFilter.Decode(stream, 16, 1234));
        Assert.Contains("LZF-compressed chunk at byte offset 1234", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Szip_TruncatedStream_IsFormatError()
    {
        // Header: 64 decoded bytes; then one byte of stream for 64 8-bit samples.
        byte[] chunk = [64, 0, 0, 0, 0xFF];
        var ex = Assert.Throws<Hdf5FormatException>(() => SzipFilter.Decode(chunk, [4 | 128, 8, 8, 64], 64, 77));
        Assert.Contains("szip-compressed chunk at byte offset 77", ex.Message);
    }

    [Fact]
    public void Szip_SizeBeyondTheChunk_IsFormatError()
    {
        byte[] chunk = [0, 0, 0, 0x40, 0];
        var ex = Assert.Throws<Hdf5FormatException>(() => SzipFilter.Decode(chunk, [4 | 128, 8, 8, 64], 4096, 77));
        Assert.Contains("declares 1073741824 decoded bytes; the chunk holds at most 4096", ex.Message);
    }

    [Fact]
    public void Szip_UncompressedBlocks_DecodeVerbatim()
    {
        // 8-bit samples, id length 3: id 0b111 (uncompressed), then 8 samples of 8 bits, no preprocessing.
        byte[] samples = [10, 20, 30, 40, 50, 60, 70, 80];
        var stream = new byte[(3 + 64 + 7) / 8];
        int bit = 0;
        void Put(int value, int width)
        {
            for (int i = width - 1; i >= 0; i--, bit++)
            {
                if (((value >> i) & 1) != 0)
                {
                    stream[bit / 8] |= (byte)(0x80 >> (bit % 8));
                }
            }
        }
        Put(0b111, 3);
        foreach (var s in samples)
        {
            Put(s, 8);
        }
        byte[] chunk = [8, 0, 0, 0, .. stream];
        Assert.Equal(samples, SzipFilter.Decode(chunk, [4 | 128, 8, 8, 8], 8, 0));
    }

    [Fact]
    public void ScaleOffset_ShortHeaderAndTooWideValues_AreFormatErrors()
    {
        int[] parameters = [2, 0, 4, 0, 4, 1, 0, 0];
        var shortHeader = Assert.Throws<Hdf5FormatException>(() => ScaleOffsetFilter.Decode(new byte[10], parameters, 16, 5));
        Assert.Contains("21-byte header", shortHeader.Message);
        var header = new byte[21 + 16];
        header[0] = 40; // 40 bits for a 4-byte element
        var wide = Assert.Throws<Hdf5FormatException>(() => ScaleOffsetFilter.Decode(header, parameters, 16, 5));
        Assert.Contains("40 bits", wide.Message);
    }

    [Fact]
    public void ScaleOffset_IntegerOffsets_AddTheMinimum()
    {
        // 4 unsigned 16-bit values packed in 3 bits each (0, 1, 5, 7) above a minimum of 1000.
        var chunk = new byte[21 + 2];
        chunk[0] = 3;
        chunk[4] = 8;
        chunk[5] = 1000 & 0xFF;
        chunk[6] = 1000 >> 8;
        // 000 001 101 111 => 0000 0110 1111 0000
        chunk[21] = 0b0000_0110;
        chunk[22] = 0b1111_0000;
        var decoded = ScaleOffsetFilter.Decode(chunk, [2, 0, 4, 0, 2, 0, 0, 0], 8, 0);
        Assert.Equal(new ushort[] { 1000, 1001, 1005, 1007 }, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(decoded).ToArray());
    }

    [Fact]
    public void Nbit_CompoundPacking_IsNotSupportedWithAFix()
    {
        var ex = Assert.Throws<NotSupportedException>(() => NbitFilter.Decode(new byte[8], [9, 0, 2, 3, 4, 0, 8, 0, 0], 8, 99));
        Assert.Contains("compound", ex.Message);
        Assert.Contains("h5repack", ex.Message);
    }

    [Fact]
    public void UnknownFilter_NamesItsIdAndAFix()
    {
        var filter = new Hdf5Filter(32001, "blosc", [], true);
        var ex = Assert.Throws<NotSupportedException>(() => FilterPipeline.Decode([filter], new byte[4], 0, 4, 4, 42));
        Assert.Contains("\"blosc\" (id 32001)", ex.Message);
        Assert.Contains("Blosc plugin", ex.Message);
        Assert.Contains("h5repack -f GZIP=4", ex.Message);
    }
}
