using System.Runtime.CompilerServices;

namespace Tessera.Scheduling;

/// <summary>
/// Bytes a task result holds, for observers and budgets: exact for <see cref="IHasByteSize"/>,
/// primitive arrays and strings; a pointer's worth for anything else (its size is unknown).
/// </summary>
internal static class ResultSize
{
    // Every finished task is sized (budgets count it), so the common boxed scalars come first:
    // each is one method-table compare, where an interface test on a boxed long scans the
    // dozens of generic-math interfaces long implements.

    /// <summary>The size of <paramref name="result"/>, and where it lives and whether it can move (one type test for both on the common paths).</summary>
    public static long Of(object? result, out ResultKind kind)
    {
        switch (result)
        {
            case null:
                kind = ResultKind.Plain;
                return 0;
            case long or double:
                kind = ResultKind.Plain;
                return sizeof(long);
            case int or float:
                kind = ResultKind.Plain;
                return sizeof(int);
            case ISpillable s:
                kind = ResultKind.Spillable;
                return s.ByteSize;
            case IDeviceResident d:
                kind = ResultKind.Device;
                return d.ByteSize;
            default:
                kind = ResultKind.Plain;
                return OfObject(result);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Of(object? result) => result switch
    {
        null => 0,
        long or double => sizeof(long),
        int or float => sizeof(int),
        _ => OfObject(result),
    };

    private static long OfObject(object result) => result switch
    {
        IHasByteSize sized => sized.ByteSize,
        string s => (long)s.Length * sizeof(char),
        Array array when array.GetType().GetElementType() is { IsPrimitive: true } => Buffer.ByteLength(array),
        Array array => (long)array.Length * IntPtr.Size,
        _ when result.GetType().IsPrimitive => PrimitiveSize(result),
        _ => IntPtr.Size,
    };

    private static long PrimitiveSize(object value) => value switch
    {
        bool or byte or sbyte => 1,
        char or short or ushort => 2,
        int or uint or float => 4,
        _ => Unsafe.SizeOf<long>(),
    };
}

/// <summary>How a stored result is accounted: host memory that stays, host memory that can spill to disk, or device memory.</summary>
internal enum ResultKind : byte
{
    /// <summary>Host memory, counted at its size, never moved.</summary>
    Plain,

    /// <summary>Host memory that can spill to disk (<see cref="ISpillable"/>).</summary>
    Spillable,

    /// <summary>Device memory (<see cref="IDeviceResident"/>) that the run owns: may move to host.</summary>
    Device,

    /// <summary>Device memory the run does not own (a constant, or an argument passed through): counted, never moved.</summary>
    DeviceBorrowed,
}
