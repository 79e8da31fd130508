using System.Text;

namespace Tessera.Scheduling;

/// <summary>
/// Writes a task graph as Graphviz DOT: one ellipse per task labelled with its kind,
/// requested results drawn as double octagons, and an edge from each input to its user.
/// </summary>
public static class DotWriter
{
    /// <summary>The DOT text of <paramref name="graph"/>; <paramref name="outputs"/> are highlighted.</summary>
    public static string Write(TaskGraph graph, IReadOnlyCollection<string> outputs)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var task in graph.Tasks)
        {
            ids[task.Key] = $"n{ids.Count}";
        }
        var text = new StringBuilder();
        text.AppendLine("digraph tessera {");
        text.AppendLine("  rankdir=BT;");
        text.AppendLine("  node [fontname=\"Helvetica\"];");
        foreach (var task in graph.Tasks)
        {
            var shape = outputs.Contains(task.Key) ? "doubleoctagon" : task.IsConstant ? "box" : "ellipse";
            var label = task.IsConstant ? $"{task.Kind}\\n{Escape(task.ConstantValue?.ToString() ?? "null")}" : task.Kind;
            text.Append($"  {ids[task.Key]} [label=\"{label}\", shape={shape}, tooltip=\"{Escape(task.Key)}\"];\n");
        }
        foreach (var task in graph.Tasks)
        {
            foreach (var dep in task.Dependencies)
            {
                if (ids.TryGetValue(dep, out var from))
                {
                    text.Append($"  {from} -> {ids[task.Key]};\n");
                }
            }
        }
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Escape(string text)
    {
        var shortened = text.Length > 40 ? text[..37] + "..." : text;
        return shortened.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", " ");
    }
}
