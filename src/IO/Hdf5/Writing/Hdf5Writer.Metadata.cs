using System.Text;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

public sealed partial class Hdf5Writer
{
    /// <summary>Writes string attributes' heap, every object header bottom-up, then the superblock.</summary>
    private void WriteMetadata()
    {
        var strings = new GlobalHeapCollection();
        var stringIndex = new Dictionary<(Hdf5ObjectWriter, string), int>();
        foreach (var node in AllObjects(Root))
        {
            foreach (var (name, value) in node.Attributes)
            {
                if (value is string text)
                {
                    stringIndex[(node, name)] = strings.Add(Encoding.UTF8.GetBytes(text));
                }
            }
        }
        var heapAddress = strings.Count > 0 ? strings.Write(Space) : 0;

        var (rootHeader, rootTree, rootHeap) = WriteGroup(Root, heapAddress, stringIndex);
        WriteSuperblock(rootHeader, rootTree, rootHeap);
    }

    private (long Header, long Tree, long Heap) WriteGroup(Hdf5GroupWriter group, long heap, Dictionary<(Hdf5ObjectWriter, string), int> strings)
    {
        var members = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, member) in group.Members)
        {
            members[name] = member is Hdf5GroupWriter child
                ? WriteGroup(child, heap, strings).Header
                : WriteDataset((IDatasetMetadata)member, heap, strings);
        }
        var (tree, localHeap) = SymbolTableGroup.Write(Space, group.Path, members);
        var header = new ObjectHeaderV1().Add(MessageType.SymbolTable, HeaderMessages.SymbolTableMessage(tree, localHeap));
        AddAttributes(header, group, heap, strings);
        return (Space.Append(header.Encode()), tree, localHeap);
    }

    private long WriteDataset(IDatasetMetadata dataset, long heap, Dictionary<(Hdf5ObjectWriter, string), int> strings)
    {
        var header = new ObjectHeaderV1()
            .Add(MessageType.Dataspace, HeaderMessages.SimpleDataspace(dataset.ShapeArray))
            .Add(MessageType.Datatype, dataset.Datatype, constant: true)
            .Add(MessageType.FillValue, HeaderMessages.Fill(dataset.Options.Chunks is not null, dataset.FillBytes), constant: true);
        if (dataset.Options.Chunks is { } chunks)
        {
            var written = dataset.WrittenChunks;
            long? tree = written.Count == 0 ? null : ChunkBTree.Write(Space, written, dataset.ShapeArray, chunks);
            header.Add(MessageType.DataLayout, HeaderMessages.ChunkedLayout(tree, chunks, dataset.ElementSize));
            if (dataset.Options.Shuffle || dataset.Options.CompressionLevel > 0)
            {
                header.Add(MessageType.FilterPipeline,
                    HeaderMessages.Filters(dataset.Options.Shuffle, dataset.Options.CompressionLevel, dataset.ElementSize));
            }
        }
        else
        {
            header.Add(MessageType.DataLayout,
                HeaderMessages.ContiguousLayout(dataset.DataAddress, dataset.ElementCount * dataset.ElementSize));
        }
        AddAttributes(header, (Hdf5ObjectWriter)dataset, heap, strings);
        return Space.Append(header.Encode());
    }

    private static void AddAttributes(ObjectHeaderV1 header, Hdf5ObjectWriter node, long heap,
        Dictionary<(Hdf5ObjectWriter, string), int> strings)
    {
        foreach (var (name, value) in node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            byte[] message;
            if (value is string text)
            {
                var data = new MetadataBuffer().U32(Encoding.UTF8.GetByteCount(text)).U64(heap).U32(strings[(node, name)]);
                message = HeaderMessages.AttributeMessage(name, DatatypeEncoding.VariableUtf8(),
                    HeaderMessages.SimpleDataspace([]), data.Span);
            }
            else if (value is Hdf5FixedString fixedString)
            {
                var bytes = Encoding.UTF8.GetBytes(fixedString.Value);
                var stored = new byte[Math.Max(1, bytes.Length)];
                bytes.CopyTo(stored, 0);
                message = HeaderMessages.AttributeMessage(name, DatatypeEncoding.FixedString(stored.Length, utf8: !fixedString.Ascii, padding: 0),
                    HeaderMessages.SimpleDataspace([]), stored);
            }
            else
            {
                var elementType = value is Array a ? a.GetType().GetElementType()! : value.GetType();
                long[] shape = value is Array array ? [array.Length] : [];
                message = HeaderMessages.AttributeMessage(name, DatatypeEncoding.For(elementType),
                    HeaderMessages.SimpleDataspace(shape), Hdf5ObjectWriter.NumberBytes(value));
            }
            header.Add(MessageType.Attribute, message);
        }
    }

    /// <summary>Superblock v0: 8-byte offsets and lengths, group K 4/16, root symbol table entry caching the root's B-tree and heap.</summary>
    private void WriteSuperblock(long rootHeader, long rootTree, long rootHeap)
    {
        var m = new MetadataBuffer();
        m.Bytes([0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n']);
        m.U8(0).U8(0).U8(0).U8(0).U8(0).U8(8).U8(8).U8(0);
        m.U16(SymbolTableGroup.LeafK).U16(SymbolTableGroup.InternalK).U32(0);
        m.U64(0L).U64(MetadataBuffer.UndefinedAddress).U64(Space.End).U64(MetadataBuffer.UndefinedAddress);
        m.U64(0L).U64(rootHeader).U32(1).U32(0).U64(rootTree).U64(rootHeap);
        Space.Write(0, m.Span);
    }

    private static IEnumerable<Hdf5ObjectWriter> AllObjects(Hdf5GroupWriter group)
    {
        yield return group;
        foreach (var member in group.Members.Values)
        {
            if (member is Hdf5GroupWriter child)
            {
                foreach (var inner in AllObjects(child))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return member;
            }
        }
    }
}
