namespace Tessera.Distributed.Serialization;

/// <summary>The first byte of every value in a payload: what follows.</summary>
internal enum PayloadTag : byte
{
    Null,
    BackReference,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Char,
    NInt,
    NUInt,
    String,
    Enum,
    BlittableArray,
    Array,
    Delegate,
    Type,
    HashCollection,
    Object,
}
