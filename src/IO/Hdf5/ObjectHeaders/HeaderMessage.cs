namespace Tessera.IO.Hdf5;

/// <summary>One object header message, undecoded: its type, flags and body bytes.</summary>
/// <param name="Type">Message type number (e.g. 0x0001 dataspace, 0x0008 layout).</param>
/// <param name="Flags">Message flags (bit 1: shared message).</param>
/// <param name="Body">The message body.</param>
/// <param name="BodyOffset">Absolute file offset of the body, for error messages.</param>
internal sealed record HeaderMessage(int Type, byte Flags, byte[] Body, long BodyOffset)
{
    public bool IsShared => (Flags & 0x02) != 0;
}

/// <summary>Message type numbers used by the reader.</summary>
internal static class MessageType
{
    public const int Nil = 0x00;
    public const int Dataspace = 0x01;
    public const int LinkInfo = 0x02;
    public const int Datatype = 0x03;
    public const int FillValueOld = 0x04;
    public const int FillValue = 0x05;
    public const int Link = 0x06;
    public const int DataLayout = 0x08;
    public const int GroupInfo = 0x0A;
    public const int FilterPipeline = 0x0B;
    public const int Attribute = 0x0C;
    public const int Continuation = 0x10;
    public const int SymbolTable = 0x11;
    public const int AttributeInfo = 0x15;
}
