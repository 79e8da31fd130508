using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Scheduling;

/// <summary>
/// The processor's time-stamp counter, read by a ten-byte machine-code stub, where that is cheaper
/// than the operating system's clock and as trustworthy. It exists for one reason: a run with
/// observers reads the clock twice per task, and in the virtual machines CI and clouds use
/// (kvm-clock under Firecracker, for one) <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
/// costs about 100 ns, an eighth of a small task's whole scheduling cost (issue #21 measured it).
/// The counter reads in about half that, and less on bare metal.
///
/// Only on Linux x86-64, and only when the processor says its counter is invariant (constant rate,
/// running in every power state), so that it measures time and not cycles. Everywhere else, and
/// when executable memory is refused, <see cref="Read"/> is null and callers use the Stopwatch:
/// Windows' and macOS' clocks, and Linux's on ARM64, already read a counter in user space.
/// <c>TESSERA_TASK_CLOCK=stopwatch</c> turns it off.
/// </summary>
internal static unsafe class CycleCounter
{
    /// <summary>The reader, or null where the counter is not used.</summary>
    public static readonly delegate* unmanaged[SuppressGCTransition]<ulong> Read = Create();

    /// <summary>Whether <see cref="Read"/> is there.</summary>
    public static bool IsUsed => Read is not null;

    // rdtsc; shl rdx, 32; or rax, rdx; ret — the counter's high half arrives in edx, the low in eax.
    private static ReadOnlySpan<byte> ReadTsc => [0x0F, 0x31, 0x48, 0xC1, 0xE2, 0x20, 0x48, 0x09, 0xD0, 0xC3];

    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    private const int MapPrivate = 0x02, MapAnonymous = 0x20;
    private const int PageSize = 4096;

    private static delegate* unmanaged[SuppressGCTransition]<ulong> Create()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 ||
            !HasInvariantCounter() ||
            string.Equals(Environment.GetEnvironmentVariable("TESSERA_TASK_CLOCK"), "stopwatch", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            var page = mmap(0, PageSize, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (page == -1)
            {
                return null;
            }
            ReadTsc.CopyTo(new Span<byte>((void*)page, PageSize));
            // Writable, then executable, never both at once: some kernels' policies refuse that.
            if (mprotect(page, PageSize, ProtRead | ProtExec) != 0)
            {
                _ = munmap(page, PageSize);
                return null;
            }
            return (delegate* unmanaged[SuppressGCTransition]<ulong>)page;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // a libc without these names: the Stopwatch serves
        }
    }

    /// <summary>CPUID leaf 0x80000007, EDX bit 8: the counter runs at a constant rate in every state.</summary>
    private static bool HasInvariantCounter()
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }
        const int extendedLeaves = unchecked((int)0x80000000), powerLeaf = unchecked((int)0x80000007);
        var highest = (uint)X86Base.CpuId(extendedLeaves, 0).Eax;
        return highest >= 0x80000007u && (X86Base.CpuId(powerLeaf, 0).Edx & (1 << 8)) != 0;
    }

    [DllImport("libc", EntryPoint = "mmap")]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", EntryPoint = "mprotect")]
    private static extern int mprotect(nint address, nuint length, int protection);

    [DllImport("libc", EntryPoint = "munmap")]
    private static extern int munmap(nint address, nuint length);
}
