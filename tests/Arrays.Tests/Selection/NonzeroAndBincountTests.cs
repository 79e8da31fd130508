namespace Tessera.Arrays.Tests.Selection;

/// <summary>Nonzero, FlatNonzero, ArgWhere and Bincount against NumPy.</summary>
public class NonzeroAndBincountTests
{
    private static readonly long[] Shape = [7, 9];

    private static int[] Sparse() => [.. Enumerable.Range(0, 63).Select(i => i % 4 == 0 || i % 7 == 3 ? (i * 13) % 5 : 0)];

    private static long[] NumPy(string expression, int[] values)
    {
        var (result, _) = ArrayAssert.EvaluateNumPy<long>($"np.asarray({expression}, dtype=np.int64)", [NumPyInput.Of("x", values, Shape)]);
        return result;
    }

    [Fact]
    public void Nonzero_PerAxis_MatchesNumPy()
    {
        var values = Sparse();
        var indices = BlockedArray.Nonzero(BlockedArray.FromArray(values, Shape, [3, 4]));
        Assert.Equal(2, indices.Length);
        Assert.Equal(NumPy("np.nonzero(x)[0]", values), indices[0].Compute().ToArray());
        Assert.Equal(NumPy("np.nonzero(x)[1]", values), indices[1].Compute().ToArray());
    }

    [Fact]
    public void FlatNonzeroAndArgWhere_MatchNumPy()
    {
        var values = Sparse();
        var x = BlockedArray.FromArray(values, Shape, [2, 5]);
        Assert.Equal(NumPy("np.flatnonzero(x)", values), BlockedArray.FlatNonzero(x).Compute().ToArray());
        var rows = BlockedArray.ArgWhere(x).Compute();
        Assert.Equal(NumPy("np.argwhere(x).ravel()", values), rows.ToArray());
        Assert.Equal(2, rows.Lengths[1]);
    }

    [Fact]
    public void Nonzero_OfAMaskAndOfNothing()
    {
        var mask = BlockedArray.FromArray(Enumerable.Range(0, 63).Select(i => i is 0 or 62).ToArray(), Shape, [3, 4]);
        var indices = BlockedArray.Nonzero(mask);
        Assert.Equal([0L, 6L], indices[0].Compute().ToArray());
        Assert.Equal([0L, 8L], indices[1].Compute().ToArray());
        Assert.Empty(BlockedArray.FlatNonzero(BlockedArray.Zeros<double>(Shape, ChunkSpec.Create([3, 4]))).Compute().ToArray());
    }

    [Fact]
    public void Bincount_CountsAndWeights_MatchNumPy()
    {
        var values = Enumerable.Range(0, 200).Select(i => (i * 31) % 17).ToArray();
        var x = BlockedArray.FromArray(values, [200], [45]);
        var weights = Enumerable.Range(0, 200).Select(i => i * 0.5).ToArray();
        var script = "import numpy as np\n" +
            $"x = np.array([{string.Join(",", values)}])\nw = np.arange(200) * 0.5\n" +
            "print(' '.join(map(str, np.bincount(x))))\nprint(' '.join(map(str, np.bincount(x, minlength=25))))\n" +
            "print(' '.join(repr(float(v)) for v in np.bincount(x, weights=w)))";
        var lines = Tessera.Testing.PythonOracle.Run(script).Trim().Split('\n');
        Assert.Equal(lines[0].Split(' ').Select(long.Parse), BlockedArray.Bincount(x).Compute().ToArray());
        Assert.Equal(lines[1].Split(' ').Select(long.Parse), BlockedArray.Bincount(x, minLength: 25).Compute().ToArray());
        var weighted = BlockedArray.Bincount(x, BlockedArray.FromArray(weights, [200], [45])).Compute().ToArray();
        Assert.Equal(lines[2].Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)), weighted);
    }

    [Fact]
    public void Bincount_BadInput_SaysWhatWasFound()
    {
        var negative = BlockedArray.FromArray(new long[] { 1, 2, -3, 4 }, [4], [2]);
        var error = Assert.ThrowsAny<Exception>(() => BlockedArray.Bincount(negative, length: 10).Compute());
        Assert.Contains("element 2 is -3", error.ToString());
        var tooLarge = BlockedArray.FromArray(new long[] { 1, 20 }, [2], [1]);
        Assert.Contains("past the 10 bins", Assert.ThrowsAny<Exception>(() => BlockedArray.Bincount(tooLarge, length: 10).Compute()).ToString());
        Assert.Contains("1-D", Assert.Throws<ArgumentException>(() => BlockedArray.Bincount(BlockedArray.FromArray(new int[4], [2, 2], [1, 1]))).Message);
    }
}
