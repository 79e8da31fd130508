using Tessera.Scheduling;
using static Tessera.Scheduler.Tests.GraphBuilding;

namespace Tessera.Scheduler.Tests;

public class GraphValidationTests
{
    [Fact]
    public void Validate_MissingDependency_NamesBothKeys()
    {
        var graph = new TaskGraph().Add(Sum1("a")).Add(Sum1("b", "a", "ghost"));
        var error = Assert.Throws<GraphValidationException>(graph.Validate);
        Assert.Contains("'b' needs 'ghost'", error.Message);
        Assert.Contains("missing", error.Message);
    }

    /// <summary>
    /// <code>
    ///   a -> b -> c -> a    (a cycle of three)
    ///   r -> a
    /// </code>
    /// </summary>
    [Fact]
    public void Validate_Cycle_NamesTheKeysInOrder()
    {
        var graph = new TaskGraph().Add(Sum1("r")).Add(Sum1("a", "c", "r")).Add(Sum1("b", "a")).Add(Sum1("c", "b"));
        var error = Assert.Throws<GraphValidationException>(graph.Validate);
        Assert.Contains("cycle", error.Message);
        Assert.Equal(4, error.Keys.Count); // three tasks, the first repeated to close the loop
        Assert.Equal(error.Keys[0], error.Keys[^1]);
        Assert.Equal(["a", "b", "c"], error.Keys.Take(3).Order());
    }

    [Fact]
    public void Validate_SelfDependency_IsACycle()
    {
        var graph = new TaskGraph().Add(Sum1("a", "a"));
        var error = Assert.Throws<GraphValidationException>(graph.Validate);
        Assert.Equal(["a", "a"], error.Keys);
    }

    [Fact]
    public void Add_SameKeyTwice_IsAnError()
    {
        var graph = new TaskGraph().Add(Sum1("a"));
        var error = Assert.Throws<ArgumentException>(() => graph.Add(Sum1("a")));
        Assert.Contains("already has a task 'a'", error.Message);
    }

    [Fact]
    public void Run_UnknownOutput_SaysWhichKey()
    {
        var graph = new TaskGraph().Add(Sum1("a"));
        var error = Assert.Throws<KeyNotFoundException>(() => GraphRunner.Run(graph, ["zzz"]));
        Assert.Contains("'zzz'", error.Message);
    }
}
