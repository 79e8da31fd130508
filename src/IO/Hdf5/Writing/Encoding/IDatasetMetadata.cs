using Tessera.IO.Hdf5;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>What the metadata writer needs from a dataset writer, whatever its element type.</summary>
internal interface IDatasetMetadata
{
    long[] ShapeArray { get; }
    /// <summary>The encoded datatype message.</summary>
    byte[] Datatype { get; }
    int ElementSize { get; }
    long ElementCount { get; }
    Hdf5DatasetOptions Options { get; }
    byte[] FillBytes { get; }
    long DataAddress { get; }
    IReadOnlyList<ChunkBTree.Entry> WrittenChunks { get; }
}
