using System.Diagnostics;

namespace Tessera;

/// <summary>What <see cref="Delayed.Visualize"/> wrote.</summary>
/// <param name="Path">The file written.</param>
/// <param name="Rendered">True when Graphviz drew a picture; false when only DOT text was written.</param>
/// <param name="Message">What happened, for the user.</param>
public sealed record GraphRendering(string Path, bool Rendered, string Message)
{
    private static readonly string[] PictureFormats = ["svg", "png", "pdf", "jpg", "gif"];

    /// <summary>Renders <paramref name="dot"/> to <paramref name="path"/> with Graphviz, or writes the DOT text.</summary>
    internal static GraphRendering Render(string dot, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = System.IO.Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (format == "dot" || format == "gv")
        {
            File.WriteAllText(path, dot);
            return new(path, false, $"Wrote the graph as DOT text to {path}.");
        }
        if (!PictureFormats.Contains(format))
        {
            throw new ArgumentException(
                $"Cannot tell the picture format from '{path}'. Use one of .{string.Join(", .", PictureFormats)}, or .dot for the text.",
                nameof(path));
        }
        if (FindOnPath("dot") is { } dotProgram)
        {
            var psi = new ProcessStartInfo(dotProgram, [$"-T{format}", "-o", path])
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(psi)!;
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                return new(path, true, $"Rendered the graph to {path} with Graphviz.");
            }
            throw new InvalidOperationException($"Graphviz 'dot' failed with exit code {process.ExitCode}: {errors.Result}");
        }
        var dotPath = System.IO.Path.ChangeExtension(path, ".dot");
        File.WriteAllText(dotPath, dot);
        return new(dotPath, false,
            $"Graphviz 'dot' is not installed, so the graph was written as DOT text to {dotPath}. " +
            "Install graphviz (apt-get install graphviz) to render pictures.");
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
