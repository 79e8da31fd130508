using System.Security.Cryptography;

namespace Tessera.Scheduler.Tests.Memory;

/// <summary>A spillable test result: bytes, written raw; restored as a new block.</summary>
internal sealed class TestBlock(byte[] data) : ISpillable
{
    public byte[] Data { get; } = data;

    public long ByteSize => Data.Length;

    public ISpillCodec SpillCodec => Codec.Instance;

    public void SpillTo(Stream destination)
    {
        destination.Write(BitConverter.GetBytes(Data.Length));
        destination.Write(Data);
    }

    /// <summary>A block of <paramref name="bytes"/> random bytes, the same for the same seed.</summary>
    public static TestBlock Random(int seed, int bytes)
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        return new TestBlock(data);
    }

    public static string Hash(byte[] data) => Convert.ToHexString(SHA256.HashData(data));

    private sealed class Codec : ISpillCodec
    {
        public static Codec Instance { get; } = new();

        public ISpillable Restore(Stream source)
        {
            Span<byte> length = stackalloc byte[4];
            source.ReadExactly(length);
            var data = new byte[BitConverter.ToInt32(length)];
            source.ReadExactly(data);
            return new TestBlock(data);
        }
    }
}
