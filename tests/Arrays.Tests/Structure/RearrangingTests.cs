namespace Tessera.Arrays.Tests.Structure;

/// <summary>SwapAxes, MoveAxis, Roll, Diff, Tile, Repeat and Pad against NumPy, over arrays cut into uneven blocks.</summary>
public class RearrangingTests
{
    private static readonly long[] Shape = [7, 5, 6];
    private static readonly double[] Values = Reference.Values<double>(Shape).Select(v => (v * 0.37) + (v * v % 5)).ToArray();

    private static BlockedArray<double> X() => BlockedArray.FromArray(Values, Shape, [3, 2, 4]);

    private static void Check(BlockedArray<double> actual, string numpy) =>
        ArrayAssert.EqualNumPy(actual, numpy, [NumPyInput.Of("x", Values, Shape)]);

    [Theory]
    [InlineData(0, 2)]
    [InlineData(-1, 1)]
    [InlineData(1, 1)]
    public void SwapAxes_MatchesNumPy(int a, int b) => Check(X().SwapAxes(a, b), $"np.swapaxes(x, {a}, {b})");

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 0)]
    [InlineData(-1, 1)]
    public void MoveAxis_MatchesNumPy(int from, int to) => Check(X().MoveAxis(from, to), $"np.moveaxis(x, {from}, {to})");

    [Theory]
    [InlineData(2, 0)]
    [InlineData(-3, 1)]
    [InlineData(13, 2)]
    [InlineData(0, 2)]
    public void Roll_AlongAnAxis_MatchesNumPy(long shift, int axis) => Check(X().Roll(shift, axis), $"np.roll(x, {shift}, axis={axis})");

    [Fact]
    public void Roll_Flattened_MatchesNumPy() => Check(X().Roll(17), "np.roll(x, 17)");

    [Theory]
    [InlineData(1, -1)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    public void Diff_MatchesNumPy(int n, int axis) => Check(X().Diff(n, axis), $"np.diff(x, n={n}, axis={axis})");

    [Theory]
    [InlineData(new long[] { 2 }, "(2,)")]
    [InlineData(new long[] { 1, 3, 1 }, "(1, 3, 1)")]
    [InlineData(new long[] { 2, 1, 1, 2 }, "(2, 1, 1, 2)")]
    [InlineData(new long[] { 0, 1, 1 }, "(0, 1, 1)")]
    public void Tile_MatchesNumPy(long[] reps, string numpyReps) => Check(X().Tile(reps), $"np.tile(x, {numpyReps})");

    [Theory]
    [InlineData(3, 0)]
    [InlineData(2, -1)]
    [InlineData(0, 1)]
    public void Repeat_MatchesNumPy(long repeats, int axis) => Check(X().Repeat(repeats, axis), $"np.repeat(x, {repeats}, axis={axis})");

    [Fact]
    public void Pad_ConstantAndEdge_MatchNumPy()
    {
        Check(X().Pad([[1, 2]]), "np.pad(x, ((1, 2),))");
        Check(X().Pad([[0, 0], [3, 1], [2, 0]], PadMode.Constant, -1.5), "np.pad(x, ((0, 0), (3, 1), (2, 0)), constant_values=-1.5)");
        Check(X().Pad([[2, 1], [0, 2], [1, 1]], PadMode.Edge), "np.pad(x, ((2, 1), (0, 2), (1, 1)), mode='edge')");
    }

    [Fact]
    public void BadArguments_SayWhatToPass()
    {
        var x = X();
        Assert.Contains("axis 3 is out of bounds for array of dimension 3", Assert.Throws<ArgumentOutOfRangeException>(() => x.Roll(1, 3)).Message);
        Assert.Contains("one pair per axis (3)", Assert.Throws<ArgumentException>(() => x.Pad([[1, 1], [1, 1]])).Message);
        Assert.Contains("zero or more", Assert.Throws<ArgumentOutOfRangeException>(() => x.Tile(-1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Diff(-1));
    }
}
