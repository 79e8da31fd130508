using System.Globalization;
using System.Text;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Describes a stored datatype the way h5py (NumPy) shows it, e.g. <c>[('index', '&lt;i8'), ('b', 'S10')]</c>,
/// so error messages name the type in the terms the file's writer most likely used.
/// </summary>
internal static class NumpyDtype
{
    public static string Describe(DatatypeMessage t) => t.Class switch
    {
        Hdf5TypeClass.FixedPoint => $"{Order(t)}{(t.IsSigned ? 'i' : 'u')}{t.Size}",
        Hdf5TypeClass.FloatingPoint => $"{Order(t)}f{t.Size}",
        Hdf5TypeClass.String => $"S{t.Size}",
        Hdf5TypeClass.BitField => $"{Order(t)}u{t.Size} (bitfield)",
        Hdf5TypeClass.Opaque => $"V{t.Size} (opaque)",
        Hdf5TypeClass.Reference => "O (object reference)",
        Hdf5TypeClass.Enumerated => $"{(t.BaseType is { } b ? Describe(b) : $"i{t.Size}")} (enum {{{string.Join(", ", t.EnumMembers.Select(m => $"{m.Name}: {m.Value}"))}}})",
        Hdf5TypeClass.VariableLength when t.IsVariableLengthString => $"O (variable-length {(t.CharSet == 1 ? "UTF-8" : "ASCII")} string)",
        Hdf5TypeClass.VariableLength => $"O (variable-length sequence of {(t.BaseType is { } b ? Describe(b) : "?")})",
        Hdf5TypeClass.Array => $"({Quoted(t.BaseType!)}, ({string.Join(", ", t.ArrayDimensions)}{(t.ArrayDimensions.Count == 1 ? "," : "")}))",
        Hdf5TypeClass.Compound => "[" + string.Join(", ", t.Members.Select(m => $"('{m.Name}', {Quoted(m.Type)})")) + "]",
        _ => $"{t.Class} of {t.Size} bytes",
    };

    private static string Quoted(DatatypeMessage t) => t.Class is Hdf5TypeClass.Compound or Hdf5TypeClass.Array ? Describe(t) : $"'{Describe(t)}'";

    private static string Order(DatatypeMessage t) => t.Size == 1 ? "|" : t.ByteOrder == Hdf5ByteOrder.BigEndian ? ">" : "<";

    /// <summary>The calls of <see cref="Hdf5Dataset"/> that read this type.</summary>
    public static string Readers(DatatypeMessage t) => t.Class switch
    {
        Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated when ClrName(t) is { } n => $"Read<{n}>()",
        Hdf5TypeClass.FloatingPoint when ClrName(t) is { } n => $"Read<{n}>()",
        Hdf5TypeClass.String or Hdf5TypeClass.VariableLength when t.Class == Hdf5TypeClass.String || t.IsVariableLengthString => "ReadStrings()",
        Hdf5TypeClass.Compound => $"ReadColumns() (one array per member), or Read<TStruct>() with a struct laid out as {StructSketch(t)}",
        _ => "no typed read yet; ReadChunkRaw gives the stored bytes of chunked datasets",
    };

    public static string? ClrName(DatatypeMessage t) => (t.Class, t.Size, t.IsSigned) switch
    {
        (Hdf5TypeClass.FloatingPoint, 2, _) => "Half",
        (Hdf5TypeClass.FloatingPoint, 4, _) => "float",
        (Hdf5TypeClass.FloatingPoint, 8, _) => "double",
        (Hdf5TypeClass.FloatingPoint, _, _) => null,
        // Strings and other byte-valued classes are not numbers, whatever their width: an 8-byte
        // string member (pandas' 'S8') once read as longs here.
        (Hdf5TypeClass.String or Hdf5TypeClass.Opaque or Hdf5TypeClass.Reference or Hdf5TypeClass.VariableLength
            or Hdf5TypeClass.Compound or Hdf5TypeClass.Array or Hdf5TypeClass.Time, _, _) => null,
        (_, 1, true) => "sbyte",
        (_, 1, false) => "byte",
        (_, 2, true) => "short",
        (_, 2, false) => "ushort",
        (_, 4, true) => "int",
        (_, 4, false) => "uint",
        (_, 8, true) => "long",
        (_, 8, false) => "ulong",
        _ => null,
    };

    /// <summary>A C# struct declaration that matches a compound type, e.g. for the error message.</summary>
    public static string StructSketch(DatatypeMessage t)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"[StructLayout(LayoutKind.Explicit, Size = {t.Size})] struct Row {{ ");
        foreach (var m in t.Members)
        {
            var field = m.Type.Class switch
            {
                Hdf5TypeClass.String or Hdf5TypeClass.Opaque => $"fixed byte {m.Name}[{m.Type.Size}]",
                Hdf5TypeClass.Array when m.Type.BaseType is { } b && ClrName(b) is { } n => $"fixed {n} {m.Name}[{m.Type.ArrayDimensions.Aggregate(1L, (x, y) => x * y)}]",
                Hdf5TypeClass.Compound => $"Nested{m.Name} {m.Name}",
                _ => $"{ClrName(m.Type) ?? $"({Describe(m.Type)})"} {m.Name}",
            };
            sb.Append(CultureInfo.InvariantCulture, $"[FieldOffset({m.Offset})] public {field}; ");
        }
        return sb.Append('}').ToString();
    }
}
