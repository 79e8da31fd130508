using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Storage;

/// <summary>
/// Writing a frame as one file per partition (dask's to_parquet/to_csv): one write task per
/// partition on top of the frame's graph, so partitions are computed, written and released one
/// after another within the memory limit instead of being gathered first.
/// </summary>
internal static class PartitionWrites
{
    /// <summary>Writes partition p with <paramref name="write"/> to <c>paths[p]</c>; the writer returns the bytes written.</summary>
    public static WriteResult Run(DataFrame frame, string kind, IReadOnlyList<string> paths, Func<Frame, string, long> write, ComputeOptions? options)
    {
        if (paths.Count != frame.NPartitions)
        {
            throw new ArgumentException($"{paths.Count} paths were given for {frame.NPartitions} partitions; give one per partition.", nameof(paths));
        }
        var context = FrameLowering.For(options);
        context.Lower(frame.Node);
        var keys = new string[paths.Count];
        for (var p = 0; p < paths.Count; p++)
        {
            var path = paths[p];
            keys[p] = TaskKeys.Name(kind, frame.Node.Name, path);
            context.Graph.Add(keys[p], kind, a =>
            {
                var part = (Frame)a[0]!;
                return (Rows: (long)part.RowCount, Bytes: write(part, path));
            }, TaskArg.Ref(frame.Node.Key(p)));
        }
        var results = GraphRunner.Run(context.Graph, keys, options).Select(r => ((long Rows, long Bytes))r!).ToArray();
        return new WriteResult(paths, results.Sum(r => r.Rows), results.Sum(r => r.Bytes));
    }

    /// <summary>
    /// Deletes <c>part.N{extension}</c> files with N at or past <paramref name="partitions"/>, left by
    /// an earlier write of more partitions: a later read of the directory would take them as data.
    /// Called only after every new part is in place.
    /// </summary>
    public static void RemoveStaleParts(string directory, int partitions, string extension)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "part.*" + extension))
        {
            var middle = Path.GetFileName(file)["part.".Length..^extension.Length];
            if (int.TryParse(middle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= partitions)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Creates <paramref name="directory"/> (refusing a file of that name) and returns <c>part.N{extension}</c> paths for each partition.</summary>
    public static string[] PartPaths(string directory, int partitions, string extension)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (File.Exists(directory))
        {
            throw new IOException($"'{directory}' is a file; writing needs a directory to hold one part file per partition. Pass a directory path.");
        }
        Directory.CreateDirectory(directory);
        return [.. Enumerable.Range(0, partitions).Select(p => Path.Combine(directory, $"part.{p}{extension}"))];
    }
}
