using System.Diagnostics;

namespace Tessera.Testing;

/// <summary>
/// Runs Debian's /usr/bin/python3 (which has numpy, h5py and dask once ./test.sh installed
/// them) as a test oracle. A missing interpreter or module is a test failure with the fix in
/// the message, never a silent skip: parity tests are how we know results are right.
/// </summary>
internal static class PythonOracle
{
    /// <summary>The interpreter: TESSERA_PYTHON, else Debian's python3 (not the pyenv one first on PATH).</summary>
    public static string Interpreter =>
        Environment.GetEnvironmentVariable("TESSERA_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> and returns its standard output; throws with stderr on failure.</summary>
    public static string Run(string script, TimeSpan? timeout = null)
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException(
                $"{Interpreter} is missing. Run ./test.sh (it installs python3-numpy, python3-h5py, python3-dask) " +
                "or set TESSERA_PYTHON to an interpreter that has them.");
        }
        var psi = new ProcessStartInfo(Interpreter, ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python oracle did not finish in time:\n{script}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"python oracle exited with {process.ExitCode}:\n{stderr.Result}\nscript:\n{script}");
        }
        return stdout.Result;
    }
}
