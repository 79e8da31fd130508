namespace Tessera.Arrays.Tests.LinearAlgebra;

/// <summary>BlockedArray.Einsum against numpy.einsum: explicit and implicit outputs, ellipses, diagonals, batches, chains, both executors.</summary>
public class EinsumTests
{
    private sealed record Case(string Subscripts, long[][] Shapes, long[][] Chunks);

    private static readonly Case[] Cases =
    [
        new("ij,jk->ik", [[4, 5], [5, 3]], [[2, 3], [3, 2]]),
        new("ij,jk", [[4, 5], [5, 3]], [[3, 2], [2, 2]]),
        new("ij->ji", [[4, 5]], [[3, 2]]),
        new("ij->", [[4, 5]], [[3, 2]]),
        new("ii->i", [[5, 5]], [[2, 2]]),
        new("ii", [[5, 5]], [[2, 3]]),
        new("iji->j", [[3, 4, 3]], [[2, 3, 1]]),
        new("bij,bjk->bik", [[3, 4, 5], [3, 5, 2]], [[2, 2, 3], [1, 2, 2]]),
        new("i,i", [[7], [7]], [[3], [4]]),
        new("i,j->ij", [[3], [4]], [[2], [3]]),
        new("...ij,...jk->...ik", [[2, 3, 4], [4, 5]], [[1, 2, 3], [2, 2]]),
        new("...i,...i", [[2, 3, 4], [3, 4]], [[1, 2, 3], [2, 2]]),
        new("ij,jk,kl->il", [[3, 4], [4, 5], [5, 2]], [[2, 2], [3, 2], [2, 1]]),
        new("ij,ij->ij", [[3, 4], [3, 4]], [[2, 2], [1, 3]]),
        new("ba", [[3, 4]], [[2, 2]]),
        new("bij,jk", [[2, 3, 4], [4, 5]], [[1, 2, 2], [3, 2]]),
        new("ijk,jil->kl", [[2, 3, 4], [3, 2, 5]], [[1, 2, 3], [2, 1, 2]]),
        new("ij,j->i", [[6, 5], [5]], [[4, 2], [3]]),
    ];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    private static double[] Values(long[] shape, int seed) => LinalgOracle.Values(shape.Aggregate(1L, (a, b) => a * b), seed);

    private static string Input(int c, int o) => $"c{c}_{o}";

    private static string Expression(int c) =>
        $"np.einsum('{Cases[c].Subscripts}', {string.Join(", ", Cases[c].Shapes.Select((_, o) => Input(c, o)))})";

    private static readonly Lazy<NumPyBatch> Batch = new(() => new NumPyBatch(
        [.. Cases.SelectMany((k, c) => k.Shapes.Select((s, o) => new NumPyInput(Input(c, o), Values(s, (10 * c) + o), s)))],
        [.. Enumerable.Range(0, Cases.Length).Select(Expression)]));

    private static BlockedArray<T>[] Operands<T>(int c, Func<double, T> convert) where T : unmanaged =>
        [.. Cases[c].Shapes.Select((s, o) => BlockedArray.FromArray([.. Values(s, (10 * c) + o).Select(convert)], s, ChunkSpec.Create(Cases[c].Chunks[o])))];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Einsum_MatchesNumPy(int c)
    {
        BlockedArray<double> Build() => BlockedArray.Einsum(Cases[c].Subscripts, Operands(c, v => v));
        var result = Build();
        Batch.Value.AssertEqual(result, Expression(c), 1e-12);
        ArrayAssert.AssertDeterministicKeys(result, Build);
        // float operands give float results (NumPy's einsum keeps float32); values within float rounding of the double result.
        var floats = BlockedArray.Einsum(Cases[c].Subscripts, Operands(c, v => (float)v));
        Assert.Equal(DType.Float32, floats.DType);
        LinalgOracle.Close(Batch.Value[Expression(c)].Values, LinalgOracle.Compute(floats, SchedulerKind.Threaded), 1e-5, "float einsum");
    }

    [Fact]
    public void Einsum_OfTwoMatrices_LowersToTensordot()
    {
        var a = BlockedArray.Ones<double>([4, 6], [2, 3]);
        var b = BlockedArray.Ones<double>([6, 5], [3, 5]);
        var graph = BlockedArray.Einsum("ij,jk->ik", a, b).ToGraph(Device.Cpu);
        Assert.Contains(graph.Tasks, t => t.Kind is "matmul" or "tensordot");
        Assert.Equal(BlockedArray.Tensordot(a, b, [1], [0]).Name, BlockedArray.Einsum("ij,jk->ik", a, b).Name);
    }

    [Fact]
    public void Einsum_OfIntegers_UsesTheBroadcastProduct()
    {
        var a = BlockedArray.FromArray([1L, 2, 3, 4, 5, 6], [2, 3], [1, 2]);
        var b = BlockedArray.FromArray([1L, 0, 2], [3], [2]);
        Assert.Equal([7L, 16], BlockedArray.Einsum("ij,j->i", a, b).Compute().ToArray());
    }

    [Fact]
    public void BadSubscripts_AreExplained()
    {
        var a = BlockedArray.Ones<double>([3, 4], [2, 2]);
        Assert.Contains("names 2 operand(s); 1 were given", Assert.Throws<ArgumentException>(() => BlockedArray.Einsum("ij,jk", a)).Message, StringComparison.Ordinal);
        Assert.Contains("operand 0 has 2", Assert.Throws<ArgumentException>(() => BlockedArray.Einsum("ijk", a)).Message, StringComparison.Ordinal);
        Assert.Contains("appears in no input", Assert.Throws<ArgumentException>(() => BlockedArray.Einsum("ij->k", a)).Message, StringComparison.Ordinal);
        Assert.Contains("equal lengths", Assert.Throws<ArgumentException>(() => BlockedArray.Einsum("ij,ij", a, a.T)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BlockedArray.Einsum("i1", a));
    }
}
