namespace Tessera.IO.Hdf5;

/// <summary>The fields of the superblock the rest of the reader needs, for every version.</summary>
internal sealed record SuperblockInfo(
    int Version,
    long FileOffset,
    int OffsetSize,
    int LengthSize,
    long BaseAddress,
    long EndOfFileAddress,
    long RootObjectHeaderAddress,
    int GroupLeafK,
    int GroupInternalK);
