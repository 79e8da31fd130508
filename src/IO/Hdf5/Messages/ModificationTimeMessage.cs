using System.Globalization;

namespace Tessera.IO.Hdf5;

/// <summary>
/// When an object was last modified: message 0x0012 (version 1, seconds since the Unix epoch,
/// HDF5 1.6+) or the old message 0x000E (14 ASCII digits "YYYYMMDDhhmmss" in UTC, HDF5 1.0-1.4).
/// </summary>
internal static class ModificationTimeMessage
{
    public const int Type = 0x12;
    public const int OldType = 0x0E;

    /// <summary>The object's modification time, or null when its header records none.</summary>
    public static DateTimeOffset? Read(Hdf5Context ctx, ObjectHeader header)
    {
        if (header.Find(Type) is { } m)
        {
            var c = new ByteCursor(m.Body, m.BodyOffset, "modification time message", ctx.OffsetSize, ctx.LengthSize);
            int version = c.U8();
            if (version != 1)
            {
                throw new Hdf5FormatException(c.Structure, m.BodyOffset, $"version {version} is not defined (1 expected).");
            }
            c.Skip(3);
            return DateTimeOffset.FromUnixTimeSeconds(c.U32());
        }
        if (header.Find(OldType) is { } old)
        {
            var c = new ByteCursor(old.Body, old.BodyOffset, "old modification time message");
            var text = System.Text.Encoding.ASCII.GetString(c.Bytes(14));
            if (!DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new Hdf5FormatException(c.Structure, old.BodyOffset, $"\"{text}\" is not a time of the form YYYYMMDDhhmmss.");
            }
            return new DateTimeOffset(time, TimeSpan.Zero);
        }
        return null;
    }
}
