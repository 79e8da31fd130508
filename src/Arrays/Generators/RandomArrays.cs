using System.Numerics;
using Tessera.Arrays.Generators;
using Tessera.Arrays.Lazy;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays;

/// <summary>
/// Random arrays from one seed: <c>BlockedArray.Random(seed: 42).Normal&lt;float&gt;([20000, 20000], chunks: [4000, 4000])</c>.
/// The same seed and chunking give the same numbers on every run and machine; each block draws
/// from its own stream, so blocks are generated in parallel.
/// </summary>
public sealed class RandomArrays
{
    private readonly long _seed;

    internal RandomArrays(long seed) => _seed = seed;

    /// <summary>Uniform values in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public BlockedArray<T> Uniform<T>(long[] shape, ChunkSpec chunks = default, double low = 0, double high = 1)
        where T : unmanaged, IFloatingPoint<T>
    {
        if (!(high > low))
        {
            throw new ArgumentException($"Uniform needs low < high; got low = {low}, high = {high}.");
        }
        return Generate<T>("uniform", shape, chunks, [low, high], (ref SplitMix64 r) => low + ((high - low) * r.NextDouble()));
    }

    /// <summary>Normally distributed values (Box–Muller) with <paramref name="mean"/> and <paramref name="std"/>.</summary>
    public BlockedArray<T> Normal<T>(long[] shape, ChunkSpec chunks = default, double mean = 0, double std = 1)
        where T : unmanaged, IFloatingPoint<T>
    {
        if (!(std >= 0))
        {
            throw new ArgumentException($"Normal needs std >= 0; got {std}.");
        }
        return Generate<T>("normal", shape, chunks, [mean, std], (ref SplitMix64 r) =>
        {
            var u = 1.0 - r.NextDouble(); // (0, 1]: the logarithm stays finite
            var v = r.NextDouble();
            return mean + (std * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        });
    }

    /// <summary>Integers uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public BlockedArray<T> Integers<T>(long[] shape, long low, long high, ChunkSpec chunks = default)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (high <= low)
        {
            throw new ArgumentException($"Integers needs low < high; got low = {low}, high = {high}.");
        }
        var span = (ulong)(high - low);
        return Generate<T>("integers", shape, chunks, [low, high], (ref SplitMix64 r) => low + (long)(r.Next() % span));
    }

    private delegate double Draw(ref SplitMix64 random);

    private BlockedArray<T> Generate<T>(string kind, long[] shape, ChunkSpec chunks, object[] parameters, Draw draw)
        where T : unmanaged, INumberBase<T>
    {
        var grid = chunks.Resolve(shape, DTypes.Of<T>().Size());
        var seed = _seed;
        var name = TaskKeys.Name("random-" + kind, seed, typeof(T).Name, grid.ToString(), parameters);
        return new(new BlocksNode(name, grid, DTypes.Of<T>(), "random-" + kind, (backend, index, blockShape) =>
        {
            var random = SplitMix64.ForBlock(seed, grid.LinearIndex(index));
            var block = (CpuBuffer<T>)CpuBuffer.Allocate(DTypes.Of<T>(), blockShape);
            var values = block.Span;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(draw(ref random));
            }
            return BlockedArray.OnDevice(backend, block);
        }));
    }
}

public static partial class BlockedArray
{
    /// <summary>Random arrays drawn from <paramref name="seed"/> (reproducible for a given seed and chunking).</summary>
    public static RandomArrays Random(long seed) => new(seed);
}
