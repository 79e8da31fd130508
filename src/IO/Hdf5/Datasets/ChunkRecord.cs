namespace Tessera.IO.Hdf5;

/// <summary>Where one stored chunk lives: address, stored (filtered) size and filter mask.</summary>
internal readonly record struct ChunkRecord(long Address, long StoredSize, uint FilterMask);
