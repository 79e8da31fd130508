using System.Runtime.InteropServices;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// Process CPU time with nanosecond resolution (clock_gettime(CLOCK_PROCESS_CPUTIME_ID), what
/// Python's time.process_time reads). Process.TotalProcessorTime ticks in 10 ms steps on Linux,
/// too coarse for workloads of tens of milliseconds.
/// </summary>
internal static partial class ProcessCpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        }
        if (ClockGetTime(ClockProcessCpuTimeId, out var ts) != 0)
        {
            throw new InvalidOperationException($"clock_gettime failed with errno {Marshal.GetLastPInvokeError()}.");
        }
        return ts.Seconds + (ts.Nanoseconds * 1e-9);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
