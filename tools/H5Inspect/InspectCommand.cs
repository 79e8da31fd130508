using Tessera.IO.Hdf5;

namespace Tessera.Tools.H5Inspect;

/// <summary>
/// The command line: parses the arguments, opens the file and prints its tree. Kept apart
/// from <see cref="Program"/> so tests can run it with their own writers and read the exit code.
/// </summary>
public static class InspectCommand
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a missing, unreadable or malformed file.</summary>
    public const int BadFile = 2;

    /// <summary>Exit code for wrong arguments.</summary>
    public const int Usage = 1;

    /// <summary>Runs the inspector; returns the process exit code.</summary>
    /// <param name="args">FILE and optionally --attrs.</param>
    /// <param name="output">Where the tree goes.</param>
    /// <param name="error">Where usage and file errors go.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var unknown = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--attrs").ToArray();
        if (files.Length != 1 || unknown.Length > 0)
        {
            error.WriteLine("usage: H5Inspect FILE [--attrs]");
            error.WriteLine("  prints every group and dataset of an HDF5 or netCDF4 file; --attrs adds attributes.");
            return Usage;
        }
        var path = files[0];
        if (!File.Exists(path))
        {
            error.WriteLine($"error: {path}: no such file.");
            return BadFile;
        }
        try
        {
            using var file = Hdf5File.Open(path);
            new TreeFormatter(output, args.Contains("--attrs")).Write(file.Root);
            return Ok;
        }
        catch (Hdf5FormatException e)
        {
            error.WriteLine($"error: {path} is not a readable HDF5 file. {e.Message}");
            return BadFile;
        }
        catch (NotSupportedException e)
        {
            error.WriteLine($"error: {path} uses a feature this reader does not support. {e.Message}");
            return BadFile;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {path}: {e.Message}");
            return BadFile;
        }
    }
}
