using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Tessera.DataFrames;

/// <summary>
/// A frame is a partition the scheduler can count against <see cref="ComputeOptions.MemoryLimit"/>
/// and spill to disk: as an Arrow IPC stream (exact: types, values and validity come back as they
/// were), after the count of skipped CSV rows, which travels with the rows.
/// </summary>
public sealed partial class Frame : ISpillable
{
    /// <summary>The bytes of the columns' Arrow buffers.</summary>
    public long ByteSize
    {
        get
        {
            long total = 0;
            foreach (var column in _columns)
            {
                foreach (var buffer in column.Data.Buffers)
                {
                    total += buffer.Length;
                }
            }
            return total;
        }
    }

    /// <inheritdoc />
    ISpillCodec ISpillable.SpillCodec => FrameSpillCodec.Instance;

    /// <inheritdoc />
    void ISpillable.SpillTo(Stream destination)
    {
        destination.Write(BitConverter.GetBytes(SkippedRows));
        using var writer = new ArrowStreamWriter(destination, Schema, leaveOpen: true);
        writer.WriteRecordBatch(Compact().ToArrow());
        writer.WriteEnd();
    }

    private sealed class FrameSpillCodec : ISpillCodec
    {
        public static readonly FrameSpillCodec Instance = new();

        public ISpillable Restore(Stream source)
        {
            var header = new byte[8];
            source.ReadExactly(header);
            using var reader = new ArrowStreamReader(source, leaveOpen: true);
            var batch = reader.ReadNextRecordBatch() ?? throw new InvalidDataException("A spilled frame's file holds no record batch.");
            // Read the end-of-stream marker too: the scheduler checks that a restore consumed the whole file.
            if (reader.ReadNextRecordBatch() is not null)
            {
                throw new InvalidDataException("A spilled frame's file holds more than one record batch.");
            }
            return new Frame(batch) { SkippedRows = BitConverter.ToInt64(header) };
        }
    }
}
