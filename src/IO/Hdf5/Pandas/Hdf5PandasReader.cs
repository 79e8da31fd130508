using System.Reflection;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Reads frames pandas wrote with <c>to_hdf</c>: the <c>table</c> format (a PyTables table, one
/// compound dataset whose members are the index and blocks of same-typed columns, named by
/// pickled metadata) in row ranges, and the <c>fixed</c> format (<c>axis0</c> names, and per block
/// <c>blockN_items</c> and a two-dimensional <c>blockN_values</c>) whole.
/// </summary>
public static class Hdf5PandasReader
{
    /// <summary>Whether <paramref name="key"/> holds a table (true) or a fixed frame (false); throws for anything else.</summary>
    public static bool IsTable(Hdf5File file, string path, string key)
    {
        var group = Group(file, path, key);
        var type = Text(group.Attributes, "pandas_type", path, key);
        return type switch
        {
            "frame_table" => true,
            "frame" => false,
            _ => throw new PandasHdfException(path, key, "attribute pandas_type",
                $"it is '{type}'; a DataFrame written by pandas is 'frame' (format='fixed') or 'frame_table' (format='table'). Series and panels are not read here."),
        };
    }

    /// <summary>The rows of a table-format frame.</summary>
    public static long TableRows(Hdf5File file, string path, string key) => Table(file, path, key).Shape[0];

    /// <summary>Rows <paramref name="start"/>..start+count of a table-format frame, columns in frame order.</summary>
    public static IReadOnlyList<PandasHdfColumn> ReadTable(Hdf5File file, string path, string key, long start, long count)
    {
        var group = Group(file, path, key);
        var table = Table(file, path, key);
        var order = ColumnOrder(group, path, key);
        var nanRep = group.Attributes.TryGetValue("nan_rep", out var n) ? n.AsString() : "nan";
        var members = Pickled<List<object?>>(group.Attributes, "values_cols", path, key).Cast<string>().ToArray();
        var records = table.ReadColumns(new Hyperslab([start], [count]));
        var byName = new Dictionary<string, PandasHdfColumn>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var names = Pickled<List<object?>>(table.Attributes, member + "_kind", path, key).Cast<string>().ToArray();
            var dtype = Text(table.Attributes, member + "_dtype", path, key);
            if (!records.TryGetValue(member, out var values))
            {
                throw new PandasHdfException(path, key, $"table member '{member}'", "values_cols names it but the table has no such member; the file is damaged. Write it again.");
            }
            for (var j = 0; j < names.Length; j++)
            {
                var column = values.Rank == 2 ? ColumnOf(values, j) : values;
                byName[names[j]] = new PandasHdfColumn(names[j], Convert(column, dtype, nanRep, path, key, names[j]), dtype);
            }
        }
        return [.. order.Select(c => byName.TryGetValue(c, out var v) ? v
            : throw new PandasHdfException(path, key, $"column '{c}'", "non_index_axes lists it but no block holds it; the file is damaged. Write it again."))];
    }

    /// <summary>Every row of a fixed-format frame, columns in frame order.</summary>
    public static IReadOnlyList<PandasHdfColumn> ReadFixed(Hdf5File file, string path, string key)
    {
        var group = Group(file, path, key);
        var order = Dataset(group, "axis0", path, key).ReadStrings();
        var blocks = group.Attributes.TryGetValue("nblocks", out var b) ? (int)b.AsDouble() : throw Missing("attribute nblocks", path, key);
        var byName = new Dictionary<string, PandasHdfColumn>(StringComparer.Ordinal);
        for (var k = 0; k < blocks; k++)
        {
            var items = Dataset(group, $"block{k}_items", path, key).ReadStrings();
            var values = Dataset(group, $"block{k}_values", path, key);
            if (values.Attributes.TryGetValue("CLASS", out var cls) && cls.AsString() == "VLARRAY")
            {
                throw new PandasHdfException(path, key, $"column(s) '{string.Join("', '", items)}'",
                    "pandas pickled these object (string) columns in the fixed format, and pickles are not read. Write the frame with df.to_hdf(path, key, format='table') instead.");
            }
            var dtype = values.Attributes.TryGetValue("value_type", out var vt) ? vt.AsString() : NumpyName(values.ElementType);
            var all = ReadAll(values, path, key);
            for (var j = 0; j < items.Length; j++)
            {
                var column = all.Rank == 2 ? ColumnOf(all, j) : all;
                byName[items[j]] = new PandasHdfColumn(items[j], Convert(column, dtype, null, path, key, items[j]), dtype);
            }
        }
        return [.. order.Select(c => byName.TryGetValue(c, out var v) ? v
            : throw new PandasHdfException(path, key, $"column '{c}'", "axis0 lists it but no block holds it; the file is damaged. Write it again."))];
    }

    private static Hdf5Group Group(Hdf5File file, string path, string key)
    {
        try
        {
            return file.Group("/" + key.TrimStart('/'));
        }
        catch (KeyNotFoundException e)
        {
            var keys = file.Root.Members.Select(m => m.Name);
            throw new PandasHdfException(path, key, "group", $"there is no group '{key}'; the file's keys are [{string.Join(", ", keys)}]. Pass one of those.", e);
        }
    }

    private static Hdf5Dataset Table(Hdf5File file, string path, string key)
    {
        var group = Group(file, path, key);
        var table = Dataset(group, "table", path, key);
        if (table.ElementType.Class != Hdf5TypeClass.Compound || table.Shape.Length != 1)
        {
            throw new PandasHdfException(path, key, "dataset 'table'", $"it is {table.ElementType} with {table.Shape.Length} dimension(s); a pandas table is a one-dimensional compound dataset. The file was not written by pandas' to_hdf(format='table').");
        }
        return table;
    }

    private static Hdf5Dataset Dataset(Hdf5Group group, string name, string path, string key)
    {
        try
        {
            return group.Dataset(name);
        }
        catch (KeyNotFoundException e)
        {
            throw new PandasHdfException(path, key, $"dataset '{name}'", "it is missing; pandas writes it for every frame. The file was not written by pandas' to_hdf, or is damaged.", e);
        }
    }

    private static string[] ColumnOrder(Hdf5Group group, string path, string key)
    {
        var axes = Pickled<List<object?>>(group.Attributes, "non_index_axes", path, key);
        if (axes.Count != 1 || axes[0] is not Pickle0.Tuple { Items: [_, List<object?> names] })
        {
            throw new PandasHdfException(path, key, "attribute non_index_axes", "it is not [(1, [column names])]; the table was not written by pandas' DataFrame.to_hdf.");
        }
        return [.. names.Select(n => System.Convert.ToString(n, System.Globalization.CultureInfo.InvariantCulture)!)];
    }

    private static string Text(IReadOnlyDictionary<string, Hdf5Attribute> attributes, string name, string path, string key) =>
        attributes.TryGetValue(name, out var a) ? a.AsString() : throw Missing($"attribute {name}", path, key);

    private static T Pickled<T>(IReadOnlyDictionary<string, Hdf5Attribute> attributes, string name, string path, string key)
    {
        var text = Text(attributes, name, path, key);
        try
        {
            return Pickle0Reader.Loads(text) is T value ? value
                : throw new PandasHdfException(path, key, $"attribute {name}", $"its pickle holds no {typeof(T).Name}; the file was not written by pandas.");
        }
        catch (FormatException e)
        {
            throw new PandasHdfException(path, key, $"attribute {name}", e.Message, e);
        }
    }

    private static PandasHdfException Missing(string structure, string path, string key) =>
        new(path, key, structure, "it is missing; pandas writes it for every frame. The file was not written by pandas' to_hdf, or is damaged.");

    private static Array Convert(Array column, string dtype, string? nanRep, string path, string key, string name)
    {
        switch (dtype)
        {
            case "bool":
                return column switch
                {
                    byte[] bytes => bytes.Select(v => v != 0).ToArray(),
                    sbyte[] bytes => bytes.Select(v => v != 0).ToArray(),
                    bool[] flags => flags,
                    _ => throw new PandasHdfException(path, key, $"column '{name}'", $"a bool column stored as {column.GetType().Name}; expected one byte per value."),
                };
            case "datetime64" or "datetime64[ns]":
                return column is long[] ns ? ns : throw new PandasHdfException(path, key, $"column '{name}'", $"a datetime64 column stored as {column.GetType().Name}; expected 8-byte integers. Time zones and other units are not read; convert to naive datetime64[ns] before writing.");
            default:
                if (column is string[] strings)
                {
                    return nanRep is null ? strings : strings.Select(s => s == nanRep ? null : s).ToArray();
                }
                return column;
        }
    }

    private static readonly MethodInfo ColumnOfMethod = typeof(Hdf5PandasReader).GetMethod(nameof(ColumnOfTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Array ColumnOf(Array block, int j) => (Array)ColumnOfMethod.MakeGenericMethod(block.GetType().GetElementType()!).Invoke(null, [block, j])!;

    private static T[] ColumnOfTyped<T>(T[,] block, int j)
    {
        var rows = block.GetLength(0);
        var result = new T[rows];
        for (var r = 0; r < rows; r++)
        {
            result[r] = block[r, j];
        }
        return result;
    }

    private static Array ReadAll(Hdf5Dataset values, string path, string key)
    {
        var type = values.ElementType;
        var shape = values.Shape;
        Array Read<T>() where T : unmanaged
        {
            var flat = new T[shape.Aggregate(1L, (a, b) => a * b)];
            values.ReadInto(Hyperslab.All(shape), flat);
            if (shape.Length == 1)
            {
                return flat;
            }
            var block = new T[shape[0], shape[1]];
            Buffer.BlockCopy(flat, 0, block, 0, flat.Length * System.Runtime.InteropServices.Marshal.SizeOf<T>());
            return block;
        }
        return (type.Class, type.Size, type.IsSigned) switch
        {
            (Hdf5TypeClass.FloatingPoint, 8, _) => Read<double>(),
            (Hdf5TypeClass.FloatingPoint, 4, _) => Read<float>(),
            (Hdf5TypeClass.FixedPoint, 8, true) => Read<long>(),
            (Hdf5TypeClass.FixedPoint, 4, true) => Read<int>(),
            (Hdf5TypeClass.FixedPoint, 2, true) => Read<short>(),
            (Hdf5TypeClass.FixedPoint, 1, true) => Read<sbyte>(),
            (Hdf5TypeClass.FixedPoint, 8, false) => Read<ulong>(),
            (Hdf5TypeClass.FixedPoint, 4, false) => Read<uint>(),
            (Hdf5TypeClass.FixedPoint, 2, false) => Read<ushort>(),
            (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.BitField or Hdf5TypeClass.Enumerated, 1, _) => Read<byte>(),
            (Hdf5TypeClass.String, _, _) => Strings(values, shape),
            _ => throw new PandasHdfException(path, key, $"dataset '{values.Path}'", $"its element type {type} is not one pandas writes for numbers, booleans or datetimes."),
        };
    }

    private static Array Strings(Hdf5Dataset values, long[] shape)
    {
        var flat = values.ReadStrings();
        if (shape.Length == 1)
        {
            return flat;
        }
        var block = new string[shape[0], shape[1]];
        for (var i = 0; i < flat.Length; i++)
        {
            block[i / shape[1], i % shape[1]] = flat[i];
        }
        return block;
    }

    private static string NumpyName(Hdf5DataType type) => (type.Class, type.Size, type.IsSigned) switch
    {
        (Hdf5TypeClass.FloatingPoint, var s, _) => $"float{8 * s}",
        (Hdf5TypeClass.FixedPoint, var s, true) => $"int{8 * s}",
        (Hdf5TypeClass.FixedPoint, var s, false) => $"uint{8 * s}",
        (Hdf5TypeClass.BitField, 1, _) or (Hdf5TypeClass.Enumerated, 1, _) => "bool",
        (Hdf5TypeClass.String, var s, _) => $"bytes{8 * s}",
        _ => type.ToString(),
    };
}
