using System.Diagnostics;
using System.Globalization;
using Tessera.Distributed.Hosting;

namespace Tessera.Distributed;

public sealed partial class LocalCluster
{
    /// <summary>A worker process and the silo port that identifies it.</summary>
    private sealed record WorkerProcess(int Index, int Port, Process Process)
    {
        /// <summary>The process id, kept once started: Process.Id throws after Dispose.</summary>
        public int ProcessId { get; set; }

        public void Kill()
        {
            try
            {
                Process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }

    private async Task StartWorkerAsync(int index, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var name = $"tessera-worker-{index}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "exec", _workerPath,
            "--primary", $"127.0.0.1:{SiloPort}",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--threads", _options.ThreadsPerWorker.ToString(CultureInfo.InvariantCulture),
            "--name", name,
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[ClusterIdentity.SecretVariable] = Secret;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("tessera-worker ready", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        var worker = new WorkerProcess(index, port, process);
        // Exited runs on a thread-pool thread, where an exception would end the whole process (a
        // test host, a user's application). It can also run after DisposeAsync has disposed the
        // Process: WaitForExitAsync may see the exit first, so ExitCode and Id are read guardedly.
        process.Exited += (_, _) =>
        {
            string text;
            lock (errors)
            {
                text = errors.ToString().Trim();
            }
            ready.TrySetException(new InvalidOperationException(
                $"Worker {name} exited with code {ExitCodeOf(process)} before it was ready: {(text.Length > 0 ? text : "(nothing on stderr)")}"));
            try
            {
                OnWorkerExited(worker);
            }
            catch (Exception)
            {
                // A failing observer must not take the process down; the worker is gone either way.
            }
        };
        lock (_gate)
        {
            if (_disposing)
            {
                return;
            }
            process.Start();
            worker.ProcessId = process.Id;
            _workers.Add(worker);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ExitCodeOf(Process process)
    {
        try
        {
            return process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown (the process object was already released)";
        }
    }

    private void OnWorkerExited(WorkerProcess worker)
    {
        bool restart;
        lock (_gate)
        {
            _workers.Remove(worker);
            restart = !_disposing && _options.RestartWorkers;
        }
        WorkerExited?.Invoke(worker.Port, $"its process (pid {worker.ProcessId}) exited");
        if (restart)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await StartWorkerAsync(worker.Index, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A restart that fails leaves the cluster a worker short; clients use the rest.
                }
            });
        }
    }
}
