using Tessera.Distributed.Serialization;

namespace Tessera.Distributed.Tests;

/// <summary>The codec that carries functions, closures and results: what goes in comes out.</summary>
public sealed class PayloadCodecTests
{
    private sealed class Node
    {
        public int Value;
        public Node? Next;
    }

    private static T RoundTrip<T>(T value) =>
        (T)PayloadReader.Read(PayloadWriter.Write(value, "the value"), PayloadReader.DefaultResolve)!;

    [Fact]
    public void Cycle_KeepsSharedAndCyclicReferences()
    {
        var a = new Node { Value = 1 };
        var b = new Node { Value = 2, Next = a };
        a.Next = b;
        var copy = RoundTrip(new[] { a, b });
        Assert.Equal(1, copy[0].Value);
        Assert.Same(copy[1], copy[0].Next);
        Assert.Same(copy[0], copy[1].Next);
    }

    [Fact]
    public void Dictionary_WithStringKeys_IsRebuiltAndFindsItsKeys()
    {
        var map = new Dictionary<string, int[]> { ["alpha"] = [1, 2], ["beta"] = [] };
        var copy = RoundTrip(map);
        Assert.Equal([1, 2], copy["alpha"]);
        Assert.Empty(copy["beta"]);
        var ignoreCase = RoundTrip(new HashSet<string>(["A"], StringComparer.OrdinalIgnoreCase));
        Assert.Contains("a", ignoreCase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(733)]
    public void NumericArrays_OfAnyLengthAndRank_RoundTrip(int length)
    {
        var values = Enumerable.Range(0, length).Select(i => i * 0.25).ToArray();
        Assert.Equal(values, RoundTrip(values));
        var grid = new float[3, length];
        if (length > 0)
        {
            grid[2, length - 1] = 7.5f;
        }
        Assert.Equal(grid, RoundTrip(grid));
    }

    [Fact]
    public void Closure_RoundTripsAndRunsWithItsCapturedValues()
    {
        var scale = 3;
        var names = new List<string> { "x", "yy" };
        Func<int, int> function = i => (i * scale) + names[1].Length;
        var copy = RoundTrip(function);
        Assert.Equal(function(5), copy(5));
        Assert.NotSame(function.Target, copy.Target);
    }

    [Fact]
    public void Values_EnumsStructsAndTypes_RoundTrip()
    {
        var value = (DayOfWeek.Friday, new DateTime(2026, 12, 7), typeof(List<int>), (decimal)1.5, 'q', (long?)null);
        Assert.Equal(value, RoundTrip(value));
    }

    [Fact]
    public void Handle_InsideACollection_IsRefusedNamingTheIndex()
    {
        using var stream = new MemoryStream();
        var error = Assert.Throws<CaptureNotSerializableException>(() => PayloadWriter.Write(new object[] { 1, stream }, "the arguments"));
        Assert.Equal("the arguments → [1]", error.Path);
        Assert.Contains("send a path", error.Message);
    }
}
