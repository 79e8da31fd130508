using System.Buffers;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Tessera.IO.Parquet;

/// <summary>
/// The int32 dictionary codes Arrow C++ decoded, used where they lie instead of copied into a
/// managed array: a 500,000-row part's 2 MB copy (a large-object allocation) cost more than
/// Arrow C++'s whole decode of the page. Holding the array keeps its imported buffers alive.
/// </summary>
internal sealed class ImportedCodes(Int32Array codes) : MemoryManager<int>
{
    // Read-only in use: DictionaryStringArray hands out its codes as a ReadOnlySpan.
    public override Span<int> GetSpan()
    {
        var values = codes.Values;
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(values), values.Length);
    }

    public override MemoryHandle Pin(int elementIndex = 0) =>
        // Imported buffers are native memory: they never move, so pinning is taking the address.
        codes.ValueBuffer.Memory.Slice((codes.Offset + elementIndex) * sizeof(int)).Pin();

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
