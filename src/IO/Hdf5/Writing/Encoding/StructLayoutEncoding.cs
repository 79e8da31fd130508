using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// The compound datatype of an unmanaged struct, member per field at the field's offset:
/// numbers (enums as their underlying integer), fixed byte buffers as fixed-length
/// NUL-padded strings (NumPy's 'S'), fixed buffers or [InlineArray]s of numbers as array
/// members, nested structs as nested compounds. The inverse of what Read&lt;TStruct&gt; accepts.
/// </summary>
internal static class StructLayoutEncoding
{
    public static byte[] For(Type t, string path)
    {
        if (!t.IsValueType || t.IsPrimitive || t.IsEnum || t.IsAutoLayout)
        {
            throw new ArgumentException(
                $"Dataset '{path}': {t.Name} must be a struct with sequential or explicit layout to be written as records.");
        }
        int size;
        try
        {
            size = Marshal.SizeOf(t);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"Dataset '{path}': {t.Name} is not blittable (bool, char or reference fields); use byte, integers, floats and fixed buffers.");
        }
        var members = new List<(string, int, byte[])>();
        foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                     .OrderBy(f => Marshal.OffsetOf(t, f.Name)))
        {
            members.Add((field.Name, (int)Marshal.OffsetOf(t, field.Name), FieldType(field, path)));
        }
        if (members.Count == 0)
        {
            throw new ArgumentException($"Dataset '{path}': {t.Name} has no fields.");
        }
        return DatatypeEncoding.Compound(size, members);
    }

    private static byte[] FieldType(FieldInfo field, string path)
    {
        var ft = field.FieldType.IsEnum ? Enum.GetUnderlyingType(field.FieldType) : field.FieldType;
        (Type Element, int Length)? buffer = field.GetCustomAttribute<FixedBufferAttribute>() is { } f ? (f.ElementType, f.Length)
            : ft.GetCustomAttribute<InlineArrayAttribute>() is { } inline
                ? (ft.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Single().FieldType, inline.Length)
                : null;
        if (buffer is var (element, length))
        {
            if (element == typeof(byte))
            {
                return DatatypeEncoding.FixedString(length, utf8: false, padding: 1);
            }
            return DatatypeEncoding.ArrayOf(Number(element, field, path), Marshal.SizeOf(element), [length]);
        }
        if (ft.IsPrimitive)
        {
            return Number(ft, field, path);
        }
        return For(ft, path);
    }

    private static byte[] Number(Type t, FieldInfo field, string path)
    {
        try
        {
            return DatatypeEncoding.For(t);
        }
        catch (NotSupportedException)
        {
            throw new ArgumentException(
                $"Dataset '{path}': field {field.Name} is {t.Name}; record fields can be float, double, integers of 1 to 8 bytes, fixed buffers of them, or nested structs.");
        }
    }
}
