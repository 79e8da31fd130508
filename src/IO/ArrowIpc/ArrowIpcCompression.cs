namespace Tessera.IO.ArrowIpc;

/// <summary>Buffer compression of a written Arrow IPC (Feather v2) file: the codecs the IPC format defines.</summary>
public enum ArrowIpcCompression
{
    /// <summary>Uncompressed: readers can map the buffers as they are.</summary>
    None,

    /// <summary>LZ4 frames: the fastest to decompress; pyarrow's Feather default.</summary>
    Lz4,

    /// <summary>Zstandard: smaller files.</summary>
    Zstd,
}
