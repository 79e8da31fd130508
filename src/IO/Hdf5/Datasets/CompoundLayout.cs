using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Checks that a caller's struct has exactly the byte layout of a compound type, so records
/// can be copied into an array of it as they are stored: the struct is as large as a record and
/// each field is a member of the same name, at the same offset, of a matching type. Members
/// without a field are allowed (their bytes land in the struct's padding).
/// </summary>
internal static class CompoundLayout
{
    public static void Check(Type structType, DatatypeMessage compound, string path)
    {
        var problem = Problem(structType, compound, "");
        if (problem is not null)
        {
            throw new InvalidOperationException(
                $"Read<{structType.Name}>() cannot read dataset \"{path}\", which stores {NumpyDtype.Describe(compound)} " +
                $"({compound.Size}-byte records): {problem}. Declare the struct as {NumpyDtype.StructSketch(compound)}, " +
                "or read one array per member with ReadColumns().");
        }
    }

    private static string? Problem(Type t, DatatypeMessage compound, string prefix)
    {
        if (!t.IsValueType || t.IsPrimitive || t.IsEnum)
        {
            return $"{t.Name} is not a struct";
        }
        if (t.IsAutoLayout)
        {
            return $"{t.Name} has automatic layout; give it [StructLayout(LayoutKind.Explicit)] or Sequential";
        }
        int size;
        try
        {
            size = Marshal.SizeOf(t);
        }
        catch (ArgumentException)
        {
            return $"{t.Name} is not blittable (bool, char or reference fields); use byte, integers, floats and fixed buffers";
        }
        if (size != compound.Size)
        {
            return $"{prefix}{t.Name} is {size} bytes but a record is {compound.Size}";
        }
        foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var member = compound.Members.FirstOrDefault(m => m.Name == field.Name);
            if (member is null)
            {
                return $"field {prefix}{field.Name} is not a member (members: {string.Join(", ", compound.Members.Select(m => m.Name))})";
            }
            long offset = Marshal.OffsetOf(t, field.Name);
            if (offset != member.Offset)
            {
                return $"field {prefix}{field.Name} is at byte {offset}; the member is at byte {member.Offset}";
            }
            if (FieldProblem(field, member.Type, prefix + field.Name) is { } p)
            {
                return p;
            }
        }
        return null;
    }

    private static string? FieldProblem(FieldInfo field, DatatypeMessage member, string name)
    {
        var ft = field.FieldType;
        var stored = NumpyDtype.Describe(member);
        switch (member.Class)
        {
            case Hdf5TypeClass.FixedPoint or Hdf5TypeClass.FloatingPoint or Hdf5TypeClass.Enumerated:
                {
                    var want = NumpyDtype.ClrName(member);
                    var have = ft.IsEnum ? Enum.GetUnderlyingType(ft) : ft;
                    if (want is null || ClrName(have) != want)
                    {
                        return $"field {name} is {ft.Name}; the member stores {stored}{(want is null ? "" : $" (a {want})")}";
                    }
                    if (member.ByteOrder == Hdf5ByteOrder.BigEndian && member.Size > 1)
                    {
                        return $"member {name} is big-endian ({stored}), which a struct copy cannot convert";
                    }
                    return null;
                }
            case Hdf5TypeClass.String or Hdf5TypeClass.Opaque or Hdf5TypeClass.BitField:
                return Buffer(field) is (Type bytes, int length) && bytes == typeof(byte) && length == member.Size ? null
                    : $"field {name} must be a buffer of {member.Size} bytes (fixed byte {name}[{member.Size}]) for the member's {stored}";
            case Hdf5TypeClass.Array when member.BaseType is { } b && NumpyDtype.ClrName(b) is { } want:
                {
                    long count = member.ArrayDimensions.Aggregate(1L, (x, y) => x * y);
                    if (b.ByteOrder == Hdf5ByteOrder.BigEndian && b.Size > 1)
                    {
                        return $"member {name} is big-endian ({stored}), which a struct copy cannot convert";
                    }
                    return Buffer(field) is (Type e, int n) && ClrName(e) == want && n == count ? null
                        : $"field {name} must be a buffer of {count} {want} (fixed {want} {name}[{count}]) for the member's {stored}";
                }
            case Hdf5TypeClass.Compound:
                return Problem(ft, member, name + ".");
            default:
                return $"member {name} stores {stored}, which has no struct field form; use ReadColumns()";
        }
    }

    /// <summary>A fixed buffer or [InlineArray] field: its element type and length.</summary>
    private static (Type, int)? Buffer(FieldInfo field)
    {
        if (field.GetCustomAttribute<FixedBufferAttribute>() is { } fixedBuffer)
        {
            return (fixedBuffer.ElementType, fixedBuffer.Length);
        }
        if (field.FieldType.GetCustomAttribute<InlineArrayAttribute>() is { } inline)
        {
            var element = field.FieldType.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Single().FieldType;
            return (element, inline.Length);
        }
        return null;
    }

    private static string? ClrName(Type t) =>
        t == typeof(sbyte) ? "sbyte" : t == typeof(byte) ? "byte" : t == typeof(short) ? "short" : t == typeof(ushort) ? "ushort"
        : t == typeof(int) ? "int" : t == typeof(uint) ? "uint" : t == typeof(long) ? "long" : t == typeof(ulong) ? "ulong"
        : t == typeof(Half) ? "Half" : t == typeof(float) ? "float" : t == typeof(double) ? "double" : null;
}
