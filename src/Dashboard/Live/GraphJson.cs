using System.Text.Json;

namespace Tessera.Diagnostics;

/// <summary>
/// Writes the current run's graph for the Graph page (<c>/api/graph</c>): each task's key, kind,
/// column and row, and the edges, for graphs up to <see cref="RunAggregate.MaxDrawnTasks"/> tasks.
/// Past that only a count per kind, and <c>drawn: false</c> so the page says why. States travel
/// separately in the status feed, since they change and the shape does not.
/// </summary>
internal static class GraphJson
{
    public static void Write(Utf8JsonWriter json, RunAggregate? run)
    {
        json.WriteStartObject();
        var graph = run?.Log.Run.Graph;
        json.WriteNumber("run", run?.Log.Id ?? 0);
        json.WriteNumber("tasks", graph?.Count ?? 0);
        json.WriteNumber("limit", RunAggregate.MaxDrawnTasks);
        var drawn = graph is not null && graph.Count <= RunAggregate.MaxDrawnTasks;
        json.WriteBoolean("drawn", drawn);
        json.WriteStartArray("kinds");
        foreach (var k in run?.Kinds ?? [])
        {
            json.WriteStartObject();
            json.WriteString("name", k.Kind);
            json.WriteNumber("count", k.Total);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (drawn)
        {
            var (column, row) = GraphLayout.Place(graph!);
            json.WriteStartArray("nodes");
            for (var t = 0; t < graph!.Count; t++)
            {
                json.WriteStartArray();
                json.WriteNumberValue(column[t]);
                json.WriteNumberValue(row[t]);
                json.WriteNumberValue(run!.KindOfTask(t).Index);
                json.WriteStringValue(graph.Keys[t]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("edges");
            for (var t = 0; t < graph.Count; t++)
            {
                foreach (var dep in graph.Dependencies(t))
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(dep);
                    json.WriteNumberValue(t);
                    json.WriteEndArray();
                }
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
