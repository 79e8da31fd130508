using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.ModelSelection;

/// <summary>The four arrays <see cref="Split.TrainTest{T}"/> returns.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed record TrainTestArrays<T>(BlockedArray<T> XTrain, BlockedArray<T> XTest, BlockedArray<T> YTrain, BlockedArray<T> YTest)
    where T : unmanaged;

/// <summary>Splitting arrays for validation.</summary>
public static class Split
{
    /// <summary>
    /// dask-ml's blockwise <c>train_test_split</c>: every row block is split on its own, so the
    /// result is lazy and no rows move between blocks. Block i of r rows gives ⌈testSize · r⌉
    /// test rows; with <paramref name="shuffle"/> the rows are permuted first by a generator
    /// seeded from (<paramref name="seed"/>, i), so X and y get the same permutation and a run
    /// is reproducible. Without it the last rows of each block are the test rows.
    /// </summary>
    /// <param name="x">Samples × features.</param>
    /// <param name="y">One target per sample, chunked like X's rows (it is rechunked otherwise).</param>
    /// <param name="testSize">The fraction of each block held out, in (0, 1).</param>
    /// <param name="seed">Seeds the per-block permutations.</param>
    /// <param name="shuffle">Permute rows within each block before splitting.</param>
    public static TrainTestArrays<T> TrainTest<T>(BlockedArray<T> x, BlockedArray<T> y, double testSize = 0.25, int seed = 0,
        bool shuffle = true) where T : unmanaged
    {
        if (!(testSize > 0 && testSize < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testSize), testSize,
                "testSize is the fraction of each block held out for testing; pass a value in (0, 1), e.g. 0.25.");
        }
        x = Design.Matrix(x, nameof(TrainTest));
        var yColumn = Design.Target(x, y, nameof(TrainTest));
        var rows = x.Chunks.Chunks[0];
        var testRows = rows.Select(r => (long)Math.Ceiling(testSize * r)).ToArray();
        var trainRows = rows.Select((r, i) => r - testRows[i]).ToArray();
        var cols = x.Shape[1];
        return new(
            Take(x, new ChunkGrid([trainRows, [cols]]), seed, shuffle, testRows, train: true),
            Take(x, new ChunkGrid([testRows, [cols]]), seed, shuffle, testRows, train: false),
            Take(yColumn, new ChunkGrid([trainRows, [1L]]), seed, shuffle, testRows, train: true).Reshape(trainRows.Sum()),
            Take(yColumn, new ChunkGrid([testRows, [1L]]), seed, shuffle, testRows, train: false).Reshape(testRows.Sum()));
    }

    private static BlockedArray<T> Take<T>(BlockedArray<T> source, ChunkGrid output, int seed, bool shuffle, long[] testRows, bool train)
        where T : unmanaged =>
        source.MapBlocks((block, info) =>
        {
            var index = info.Output.ChunkLocation[0];
            var (rows, cols) = Dense.Shape(block);
            var test = (int)testRows[index];
            var order = RowOrder(rows, test, seed, index, shuffle);
            var picked = train ? order.AsSpan(test) : order.AsSpan(0, test);
            var values = Dense.Values(block);
            var result = new T[picked.Length * cols];
            for (var r = 0; r < picked.Length; r++)
            {
                values.Slice(picked[r] * cols, cols).CopyTo(result.AsSpan(r * cols, cols));
            }
            return Tensor.Create(result, [picked.Length, cols]);
        }, output, name: $"train-test-split-{seed}-{shuffle}-{train}");

    /// <summary>Test rows first, then training rows: a seeded permutation, or the last rows as test rows.</summary>
    internal static int[] RowOrder(int rows, int test, int seed, int block, bool shuffle)
    {
        if (!shuffle)
        {
            return [.. Enumerable.Range(rows - test, test), .. Enumerable.Range(0, rows - test)];
        }
        var order = Enumerable.Range(0, rows).ToArray();
        // A fixed mix of seed and block (HashCode.Combine is randomised per process): same split every run.
        new Random(unchecked((seed * 1_000_003) ^ (block * 7919 + 1))).Shuffle(order);
        return order;
    }
}
