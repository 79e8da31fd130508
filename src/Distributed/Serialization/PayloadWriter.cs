using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Tessera.Distributed.Serialization;

/// <summary>
/// Writes an object graph (a task's function, its closure and its arguments, or a result) into
/// bytes a worker can rebuild: primitives and strings by value, arrays of unmanaged elements as raw
/// bytes, delegates as their method and target, everything else field by field with shared and
/// cyclic references kept. Types travel as assembly-qualified names, so the receiver must be able
/// to load the same assemblies (workers load the client's, see <c>ClientCodeContext</c>).
/// Anything <see cref="TypeRules"/> refuses stops the write with
/// <see cref="CaptureNotSerializableException"/>, naming the path of fields that led to it.
/// </summary>
internal sealed class PayloadWriter
{
    private readonly BinaryWriter _out;
    private readonly Dictionary<object, int> _objects = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, int> _types = [];
    private readonly List<string> _path = [];

    private PayloadWriter(Stream stream) => _out = new BinaryWriter(stream);

    /// <summary>Serialises <paramref name="value"/>; <paramref name="what"/> names it in errors ("the function Inc").</summary>
    public static byte[] Write(object? value, string what)
    {
        using var stream = new MemoryStream();
        var writer = new PayloadWriter(stream);
        writer._path.Add(what);
        writer.WriteValue(value);
        writer._out.Flush();
        return stream.ToArray();
    }

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null: _out.Write((byte)PayloadTag.Null); return;
            case bool v: _out.Write((byte)PayloadTag.Boolean); _out.Write(v); return;
            case byte v: _out.Write((byte)PayloadTag.Byte); _out.Write(v); return;
            case sbyte v: _out.Write((byte)PayloadTag.SByte); _out.Write(v); return;
            case short v: _out.Write((byte)PayloadTag.Int16); _out.Write(v); return;
            case ushort v: _out.Write((byte)PayloadTag.UInt16); _out.Write(v); return;
            case int v: _out.Write((byte)PayloadTag.Int32); _out.Write(v); return;
            case uint v: _out.Write((byte)PayloadTag.UInt32); _out.Write(v); return;
            case long v: _out.Write((byte)PayloadTag.Int64); _out.Write(v); return;
            case ulong v: _out.Write((byte)PayloadTag.UInt64); _out.Write(v); return;
            case float v: _out.Write((byte)PayloadTag.Single); _out.Write(v); return;
            case double v: _out.Write((byte)PayloadTag.Double); _out.Write(v); return;
            case decimal v: _out.Write((byte)PayloadTag.Decimal); _out.Write(v); return;
            case char v: _out.Write((byte)PayloadTag.Char); _out.Write((ushort)v); return;
            case nint v: _out.Write((byte)PayloadTag.NInt); _out.Write((long)v); return;
            case nuint v: _out.Write((byte)PayloadTag.NUInt); _out.Write((ulong)v); return;
            case Type v: _out.Write((byte)PayloadTag.Type); WriteType(v); return;
        }

        var type = value.GetType();
        if (TypeRules.IsGraphOnly(type))
        {
            _out.Write((byte)PayloadTag.Null); // reached through a captured node graph; no task reads it
            return;
        }
        if (type.IsEnum)
        {
            _out.Write((byte)PayloadTag.Enum);
            WriteType(type);
            _out.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        if (!type.IsValueType)
        {
            if (_objects.TryGetValue(value, out var id))
            {
                _out.Write((byte)PayloadTag.BackReference);
                _out.Write(id);
                return;
            }
            _objects.Add(value, _objects.Count);
        }

        if (value is string s)
        {
            _out.Write((byte)PayloadTag.String);
            _out.Write(s);
            return;
        }
        if (TypeRules.WhyNotSendable(type) is { } reason)
        {
            throw new CaptureNotSerializableException(Path(), type, reason);
        }
        switch (value)
        {
            case Array array: WriteArray(array); return;
            case Delegate function: WriteDelegate(function); return;
        }
        if (TypeRules.IsHashCollection(type))
        {
            WriteHashCollection(type, value);
            return;
        }
        _out.Write((byte)PayloadTag.Object);
        WriteType(type);
        foreach (var field in TypeRules.InstanceFields(type))
        {
            _path.Add(FieldName(field));
            WriteValue(field.GetValue(value));
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void WriteArray(Array array)
    {
        var element = array.GetType().GetElementType()!;
        if (TypeRules.IsBlittable(element))
        {
            _out.Write((byte)PayloadTag.BlittableArray);
            WriteType(element);
            WriteShape(array);
            _out.Write(MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked((int)Buffer.ByteLength(array))));
            return;
        }
        if (array.Rank != 1)
        {
            throw new CaptureNotSerializableException(Path(), array.GetType(),
                "multi-dimensional arrays of non-numeric elements are not supported; use a jagged array (T[][])");
        }
        _out.Write((byte)PayloadTag.Array);
        WriteType(element);
        _out.Write(array.Length);
        for (var i = 0; i < array.Length; i++)
        {
            _path.Add($"[{i}]");
            WriteValue(array.GetValue(i));
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void WriteShape(Array array)
    {
        _out.Write((byte)array.Rank);
        for (var d = 0; d < array.Rank; d++)
        {
            _out.Write(array.GetLength(d));
        }
    }

    private void WriteDelegate(Delegate function)
    {
        if (function.HasSingleTarget is false)
        {
            throw new CaptureNotSerializableException(Path(), function.GetType(),
                "it is a multicast delegate; send one function at a time");
        }
        var method = function.Method;
        _out.Write((byte)PayloadTag.Delegate);
        WriteType(function.GetType());
        WriteType(method.DeclaringType ?? throw new CaptureNotSerializableException(Path(), function.GetType(),
            "its method belongs to no type (a dynamic method); use a static method or a lambda"));
        _out.Write(method.MetadataToken);
        var generic = method.IsGenericMethod ? method.GetGenericArguments() : [];
        _out.Write((byte)generic.Length);
        foreach (var argument in generic)
        {
            WriteType(argument);
        }
        _path.Add("closure of " + method.Name);
        WriteValue(function.Target);
        _path.RemoveAt(_path.Count - 1);
    }

    private void WriteHashCollection(Type type, object collection)
    {
        _out.Write((byte)PayloadTag.HashCollection);
        WriteType(type);
        var comparer = type.GetProperty("Comparer")?.GetValue(collection);
        // The default comparers (string's included, which is randomised per process) are the
        // receiver's own; only a custom comparer travels.
        var isDefault = comparer is null || comparer.GetType().Namespace == "System.Collections.Generic";
        WriteValue(isDefault ? null : comparer);
        var items = ((IEnumerable)collection).Cast<object?>().ToList();
        _out.Write(items.Count);
        foreach (var item in items)
        {
            if (item is DictionaryEntry entry)
            {
                WriteValue(entry.Key);
                WriteValue(entry.Value);
            }
            else if (item is not null && item.GetType().IsGenericType && item.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
            {
                var pairType = item.GetType();
                WriteValue(pairType.GetProperty("Key")!.GetValue(item));
                WriteValue(pairType.GetProperty("Value")!.GetValue(item));
            }
            else
            {
                WriteValue(item);
            }
        }
    }

    private void WriteType(Type type)
    {
        if (_types.TryGetValue(type, out var index))
        {
            _out.Write7BitEncodedInt(index + 1);
            return;
        }
        _types.Add(type, _types.Count);
        _out.Write7BitEncodedInt(0);
        _out.Write(type.AssemblyQualifiedName ?? throw new CaptureNotSerializableException(Path(), type,
            "it is an open generic or dynamic type with no name a worker can load"));
    }

    private static string FieldName(FieldInfo field)
    {
        // Compiler names: "<Name>k__BackingField" for a property, "<>4__this" for a captured this.
        var name = field.Name;
        if (name.StartsWith('<') && name.IndexOf('>') is > 1 and var end)
        {
            return name[1..end];
        }
        return name == "<>4__this" ? "this" : name;
    }

    private string Path() => string.Join(" → ", _path);
}
