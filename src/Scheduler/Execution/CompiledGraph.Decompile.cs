namespace Tessera.Scheduling;

internal sealed partial class CompiledGraph
{
    /// <summary>The graph as keyed tasks again (for inspection: what the optimiser produced).</summary>
    public TaskGraph ToTaskGraph()
    {
        var graph = new TaskGraph();
        for (var t = 0; t < Count; t++)
        {
            if (Functions[t] is not { } function)
            {
                graph.Add(TaskDefinition.Constant(Keys[t], ConstantValues[t], Kinds[t]));
                continue;
            }
            var args = new TaskArg[ArgStart[t + 1] - ArgStart[t]];
            for (var k = 0; k < args.Length; k++)
            {
                var source = ArgTask[ArgStart[t] + k];
                args[k] = source >= 0 ? TaskArg.Ref(Keys[source]) : TaskArg.Literal(ArgLiteral[ArgStart[t] + k]);
            }
            graph.Add(TaskDefinition.Call(Keys[t], Kinds[t], function, args));
        }
        return graph;
    }
}
