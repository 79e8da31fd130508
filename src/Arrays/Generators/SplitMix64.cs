namespace Tessera.Arrays.Generators;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood): a tiny, fast generator whose output depends only on its
/// seed, so blocks are reproducible on every platform and .NET version. Each block gets its own
/// stream, seeded from the array seed and the block's position.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The stream of block <paramref name="blockIndex"/> of an array seeded with <paramref name="seed"/>.</summary>
    public static SplitMix64 ForBlock(long seed, long blockIndex)
    {
        var mixer = new SplitMix64((ulong)seed);
        var blockSeed = mixer.Next() ^ ((ulong)blockIndex * 0xD1B54A32D192ED03UL);
        return new SplitMix64(blockSeed);
    }
}
