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

    /// <summary>The size of <paramref name="result"/>, and whether it can spill (one type test for both on the common paths).</summary>
    public static long Of(object? result, out bool spillable)
    {
        switch (result)
        {
            case null:
                spillable = false;
                return 0;
            case long or double:
                spillable = false;
                return sizeof(long);
            case int or float:
                spillable = false;
                return sizeof(int);
            case ISpillable s:
                spillable = true;
                return s.ByteSize;
            default:
                spillable = false;
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
