using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayArgReductionTests
{
    private const int Rows = 13, Cols = 11;

    /// <summary>Small integers (many ties) from a seeded generator, so "first occurrence" is exercised.</summary>
    private static double[] Values(int seed, int count = Rows * Cols)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (double)random.Next(-20, 21))];
    }

    /// <summary>Naive reference: first index of the extreme along an axis (NaN wins unless skipped).</summary>
    private static long ArgBest(IReadOnlyList<double> slice, bool largest, bool skipNaN)
    {
        var best = -1;
        for (var i = 0; i < slice.Count; i++)
        {
            var v = slice[i];
            if (double.IsNaN(v))
            {
                if (skipNaN)
                {
                    continue;
                }
                return i;
            }
            if (best < 0 || (largest ? v > slice[best] : v < slice[best]))
            {
                best = i;
            }
        }
        return best;
    }

    private static long[] Along(double[] values, int axis, bool largest, bool skipNaN = false) => axis == 0
        ? [.. Enumerable.Range(0, Cols).Select(c => ArgBest([.. Enumerable.Range(0, Rows).Select(r => values[(r * Cols) + c])], largest, skipNaN))]
        : [.. Enumerable.Range(0, Rows).Select(r => ArgBest(values.Skip(r * Cols).Take(Cols).ToArray(), largest, skipNaN))];

    [Theory]
    [InlineData(13, 11, 4)]
    [InlineData(5, 4, 2)]
    [InlineData(3, 2, 4)]
    [InlineData(1, 11, 3)]
    [InlineData(6, 1, 16)]
    public void WholeArray_ArgMinArgMax_MatchScalarReference(int chunkRows, int chunkCols, int splitEvery)
    {
        var values = Values(chunkRows * 31 + chunkCols);
        var x = BlockedArray.FromArray(values, [Rows, Cols], [chunkRows, chunkCols]);
        Assert.Equal(ArgBest(values, largest: false, skipNaN: false), x.ArgMin(splitEvery: splitEvery).Compute());
        Assert.Equal(ArgBest(values, largest: true, skipNaN: false), x.ArgMax(splitEvery: splitEvery).Compute());
        Assert.Equal(ArgBest(values, largest: false, skipNaN: true), x.NanArgMin(splitEvery: splitEvery).Compute());
        Assert.Equal(ArgBest(values, largest: true, skipNaN: true), x.NanArgMax(splitEvery: splitEvery).Compute());
    }

    [Theory]
    [InlineData(0, 4, 3)]
    [InlineData(1, 4, 3)]
    [InlineData(0, 5, 11)]
    [InlineData(1, 13, 2)]
    public void AlongAxis_MatchesScalarReference(int axis, int chunkRows, int chunkCols)
    {
        var values = Values(axis + 7);
        var x = BlockedArray.FromArray(values, [Rows, Cols], [chunkRows, chunkCols]);
        ArrayAssert.Equal(Along(values, axis, largest: false), x.ArgMin(axis));
        ArrayAssert.Equal(Along(values, axis, largest: true), x.ArgMax(axis, splitEvery: 2));
    }

    /// <summary>The single winner moves through every block, so each block in turn holds it.</summary>
    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    [InlineData(7)]
    public void UniqueWinner_InEachBlock_IsFound(int chunk)
    {
        const int length = 23;
        var x = BlockedArray.Arange<double>(length, [chunk]);
        for (var winner = 0; winner < length; winner += 2)
        {
            var w = winner;
            var values = Enumerable.Range(0, length).Select(i => i == w ? 100.0 : Math.Cos(i)).ToArray();
            var y = BlockedArray.FromArray(values, [length], [chunk]);
            Assert.Equal(winner, y.ArgMax().Compute());
            Assert.Equal(winner, (-y).ArgMin(splitEvery: 2).Compute());
        }
        Assert.Equal(length - 1, x.ArgMax().Compute());
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(13, 11)]
    [InlineData(2, 5)]
    public void Double_AllFourAlongEachAxis_MatchNumPy(int chunkRows, int chunkCols)
    {
        var values = Values(5);
        values[17] = double.NaN;
        values[40] = double.NaN;
        values[41] = double.NaN;
        var input = NumPyInput.Of("a", values, Rows, Cols);
        BlockedArray<double> Build() => BlockedArray.FromArray(values, [Rows, Cols], [chunkRows, chunkCols]);
        var x = Build();
        foreach (var axis in new[] { 0, 1 })
        {
            ArrayAssert.EqualNumPy(x.ArgMin(axis), $"np.argmin(a, axis={axis})", [input], () => Build().ArgMin(axis));
            ArrayAssert.EqualNumPy(x.ArgMax(axis, keepDims: true), $"np.argmax(a, axis={axis}, keepdims=True)", [input]);
            ArrayAssert.EqualNumPy(x.NanArgMin(axis), $"np.nanargmin(a, axis={axis})", [input]);
            ArrayAssert.EqualNumPy(x.NanArgMax(axis, splitEvery: 2), $"np.nanargmax(a, axis={axis})", [input]);
        }
        ArrayAssert.EqualNumPy(x.ArgMax().Array, "np.argmax(a)", [input]);
        ArrayAssert.EqualNumPy(x.NanArgMax().Array, "np.nanargmax(a)", [input]);
        ArrayAssert.EqualNumPy(x.NanArgMin(splitEvery: 3).Array, "np.nanargmin(a)", [input]);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(3, 11)]
    public void Float_ThreeDimensional_MatchesNumPy(int chunk0, int chunk2)
    {
        var values = Values(9, 7 * 3 * 11).Select(v => (float)(v * 0.25)).ToArray();
        var input = NumPyInput.Of("a", values, 7, 3, 11);
        var x = BlockedArray.FromArray(values, [7, 3, 11], [chunk0, 2, chunk2]);
        ArrayAssert.EqualNumPy(x.ArgMin(0), "np.argmin(a, axis=0)", [input]);
        ArrayAssert.EqualNumPy(x.ArgMax(2), "np.argmax(a, axis=2)", [input]);
        ArrayAssert.EqualNumPy(x.ArgMax(-2, keepDims: true), "np.argmax(a, axis=-2, keepdims=True)", [input]);
        ArrayAssert.EqualNumPy(x.ArgMin().Array, "np.argmin(a)", [input]);
    }

    [Fact]
    public void Integers_MatchNumPy()
    {
        var values = Values(3).Select(v => (long)v).ToArray();
        var input = NumPyInput.Of("a", values, Rows, Cols);
        var x = BlockedArray.FromArray(values, [Rows, Cols], [4, 3]);
        ArrayAssert.EqualNumPy(x.ArgMax(0), "np.argmax(a, axis=0)", [input]);
        ArrayAssert.EqualNumPy(x.NanArgMin(1), "np.nanargmin(a, axis=1)", [input]);
        var ints = BlockedArray.FromArray(values.Select(v => (int)v).ToArray(), [Rows, Cols], [5, 5]);
        Assert.Equal(ArgBest(values.Select(v => (double)v).ToArray(), largest: false, skipNaN: false), ints.ArgMin().Compute());
    }

    [Fact]
    public void ArgMax_WithNaN_ReturnsFirstNaN_AcrossBlocks()
    {
        var values = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        values[13] = double.NaN;
        values[6] = double.NaN;
        var x = BlockedArray.FromArray(values, [20], [4]);
        Assert.Equal(6, x.ArgMax().Compute());
        Assert.Equal(6, x.ArgMin().Compute());
        Assert.Equal(19, x.NanArgMax().Compute());
        Assert.Equal(0, x.NanArgMin().Compute());
    }

    [Fact]
    public void NanArgMax_AllNaNSlice_IsAnError_NamingIt()
    {
        var values = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        values[1] = values[5] = values[9] = double.NaN; // column 1 of a 3 x 4 array is all NaN
        values[0] = double.NaN; // and row 0's first column block, [NaN, NaN], has no number
        var x = BlockedArray.FromArray(values, [3, 4], [2, 2]);
        var error = Assert.Throws<TaskFailedException>(() => x.NanArgMax(0).Compute());
        Assert.Contains("All-NaN slice encountered", error.InnerException!.Message, StringComparison.Ordinal);
        // NaN confined to one block of a slice is skipped, not an error.
        Assert.Equal([2L, 0L, 0L], x.NanArgMin(1).Compute().ToArray());
        Assert.Equal([3L, 3L, 3L], x.NanArgMax(1).Compute().ToArray());
    }

    [Fact]
    public void EmptyAxis_IsAnError()
    {
        var x = BlockedArray.Zeros<double>([0, 3], [1, 3]);
        var error = Assert.Throws<ArgumentException>(() => x.ArgMax(0));
        Assert.Contains("empty sequence", error.Message, StringComparison.Ordinal);
    }
}
