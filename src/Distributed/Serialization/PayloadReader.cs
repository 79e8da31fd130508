using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Distributed.Serialization;

/// <summary>
/// Rebuilds what <see cref="PayloadWriter"/> wrote. Types are looked up through a resolver, so a
/// worker resolves the client's types in that client's load context.
/// </summary>
internal sealed class PayloadReader
{
    private static readonly ConcurrentDictionary<(Type, int), MethodInfo> Methods = new();
    private readonly BinaryReader _in;
    private readonly Func<string, Type> _resolve;
    private readonly List<object> _objects = [];
    private readonly List<Type> _types = [];

    private PayloadReader(byte[] bytes, Func<string, Type> resolve)
    {
        _in = new BinaryReader(new MemoryStream(bytes, writable: false));
        _resolve = resolve;
    }

    /// <summary>Reads the value in <paramref name="bytes"/>, resolving type names with <paramref name="resolve"/>.</summary>
    public static object? Read(byte[] bytes, Func<string, Type> resolve) => new PayloadReader(bytes, resolve).ReadValue();

    /// <summary>Resolves types in the default load context (the client reading results).</summary>
    public static Type DefaultResolve(string name) =>
        Type.GetType(name, throwOnError: true)!;

    private object? ReadValue()
    {
        var tag = (PayloadTag)_in.ReadByte();
        switch (tag)
        {
            case PayloadTag.Null: return null;
            case PayloadTag.BackReference: return _objects[_in.ReadInt32()];
            case PayloadTag.Boolean: return _in.ReadBoolean();
            case PayloadTag.Byte: return _in.ReadByte();
            case PayloadTag.SByte: return _in.ReadSByte();
            case PayloadTag.Int16: return _in.ReadInt16();
            case PayloadTag.UInt16: return _in.ReadUInt16();
            case PayloadTag.Int32: return _in.ReadInt32();
            case PayloadTag.UInt32: return _in.ReadUInt32();
            case PayloadTag.Int64: return _in.ReadInt64();
            case PayloadTag.UInt64: return _in.ReadUInt64();
            case PayloadTag.Single: return _in.ReadSingle();
            case PayloadTag.Double: return _in.ReadDouble();
            case PayloadTag.Decimal: return _in.ReadDecimal();
            case PayloadTag.Char: return (char)_in.ReadUInt16();
            case PayloadTag.NInt: return (nint)_in.ReadInt64();
            case PayloadTag.NUInt: return (nuint)_in.ReadUInt64();
            case PayloadTag.Type: return ReadType();
            case PayloadTag.Enum: return Enum.ToObject(ReadType(), _in.ReadInt64());
            case PayloadTag.String: return Remember(_in.ReadString());
            case PayloadTag.BlittableArray: return ReadBlittableArray();
            case PayloadTag.Array: return ReadArray();
            case PayloadTag.Delegate: return ReadDelegate();
            case PayloadTag.HashCollection: return ReadHashCollection();
            case PayloadTag.Object: return ReadObject();
            default: throw new InvalidDataException($"Unknown payload tag {(byte)tag}: the payload is corrupt or from another Tessera version.");
        }
    }

    private T Remember<T>(T value) where T : class
    {
        _objects.Add(value);
        return value;
    }

    private Array ReadBlittableArray()
    {
        var element = ReadType();
        var rank = _in.ReadByte();
        var lengths = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            lengths[d] = _in.ReadInt32();
        }
        var array = Remember(Array.CreateInstance(element, lengths));
        _in.BaseStream.ReadExactly(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), checked((int)Buffer.ByteLength(array))));
        return array;
    }

    private Array ReadArray()
    {
        var element = ReadType();
        var array = Remember(Array.CreateInstance(element, _in.ReadInt32()));
        for (var i = 0; i < array.Length; i++)
        {
            array.SetValue(ReadValue(), i);
        }
        return array;
    }

    private Delegate ReadDelegate()
    {
        var delegateType = ReadType();
        var declaring = ReadType();
        var token = _in.ReadInt32();
        var generic = new Type[_in.ReadByte()];
        for (var i = 0; i < generic.Length; i++)
        {
            generic[i] = ReadType();
        }
        var method = Methods.GetOrAdd((declaring, token), static key =>
            key.Item1.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .First(m => m.MetadataToken == key.Item2));
        if (generic.Length > 0)
        {
            method = method.MakeGenericMethod(generic);
        }
        // The delegate is registered after its target: a closure never refers back to its own delegate
        // before the delegate exists (a recursive lambda refers to it through a field, set afterwards).
        var slot = _objects.Count;
        _objects.Add(null!);
        var target = ReadValue();
        var function = method.IsStatic && target is null
            ? Delegate.CreateDelegate(delegateType, method)
            : Delegate.CreateDelegate(delegateType, target, method);
        _objects[slot] = function;
        return function;
    }

    private object ReadHashCollection()
    {
        var type = ReadType();
        var slot = _objects.Count;
        _objects.Add(null!);
        var comparer = ReadValue();
        var collection = comparer is null ? Activator.CreateInstance(type)! : Activator.CreateInstance(type, comparer)!;
        _objects[slot] = collection;
        var count = _in.ReadInt32();
        if (collection is IDictionary dictionary)
        {
            for (var i = 0; i < count; i++)
            {
                var key = ReadValue()!;
                dictionary[key] = ReadValue();
            }
        }
        else
        {
            var add = type.GetMethod("Add")!;
            for (var i = 0; i < count; i++)
            {
                add.Invoke(collection, [ReadValue()]);
            }
        }
        return collection;
    }

    private object ReadObject()
    {
        var type = ReadType();
        var value = RuntimeHelpers.GetUninitializedObject(type);
        if (!type.IsValueType)
        {
            _objects.Add(value);
        }
        foreach (var field in TypeRules.InstanceFields(type))
        {
            field.SetValue(value, ReadValue());
        }
        return value;
    }

    private Type ReadType()
    {
        var index = _in.Read7BitEncodedInt();
        if (index > 0)
        {
            return _types[index - 1];
        }
        var type = _resolve(_in.ReadString());
        _types.Add(type);
        return type;
    }
}
