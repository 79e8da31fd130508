using System.Text;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

public sealed partial class Hdf5Writer
{
    /// <summary>
    /// Writes the chunk indexes, then every dataset header, the global heap (attribute strings
    /// and dimension-scale references), the groups bottom-up and the superblock. Dataset headers
    /// may reference each other (DIMENSION_LIST, REFERENCE_LIST), so their space is reserved
    /// first: a header's size does not depend on the addresses it holds, so it is encoded once
    /// with placeholder addresses to size it, and again once every address is known.
    /// </summary>
    private void WriteMetadata()
    {
        var objects = AllObjects(Root).ToList();
        var datasets = objects.OfType<IDatasetMetadata>().ToList();
        var layouts = datasets.ToDictionary(d => d, LayoutMessages);

        var placeholder = new AttributeAddresses(0, _ => 0, _ => 0);
        var headers = new Dictionary<Hdf5ObjectWriter, long>();
        var sizes = new Dictionary<IDatasetMetadata, int>();
        foreach (var dataset in datasets)
        {
            sizes[dataset] = DatasetHeader(dataset, layouts[dataset], placeholder).Length;
            headers[(Hdf5ObjectWriter)dataset] = Space.Allocate(sizes[dataset]);
        }

        var heap = new GlobalHeapCollection();
        var heapIndex = new Dictionary<(Hdf5ObjectWriter, string), int>();
        foreach (var node in objects)
        {
            foreach (var (name, value) in node.Attributes)
            {
                if (value is string text)
                {
                    heapIndex[(node, name)] = heap.Add(Encoding.UTF8.GetBytes(text));
                }
            }
            foreach (var (axis, scale) in node.ScalesByAxis)
            {
                heapIndex[(node, DimensionListKey(axis))] = heap.Add(BitConverter.GetBytes(headers[scale]));
            }
        }
        var heapAddress = heap.Count > 0 ? heap.Write(Space) : 0;
        var addresses = new AttributeAddresses(heapAddress, node => headers[node], key => heapIndex[key]);
        foreach (var dataset in datasets)
        {
            var header = DatasetHeader(dataset, layouts[dataset], addresses);
            if (header.Length != sizes[dataset])
            {
                throw new InvalidOperationException($"The header of '{((Hdf5ObjectWriter)dataset).Path}' changed size once addresses were known.");
            }
            Space.Write(headers[(Hdf5ObjectWriter)dataset], header);
        }

        var (rootHeader, rootTree, rootHeap) = WriteGroup(Root, headers, addresses);
        WriteSuperblock(rootHeader, rootTree, rootHeap);
    }

    /// <summary>Where attribute values point: the global heap, other objects' headers, heap objects by (owner, key).</summary>
    private sealed record AttributeAddresses(long Heap, Func<Hdf5ObjectWriter, long> HeaderOf,
        Func<(Hdf5ObjectWriter, string), int> HeapIndexOf);

    private static string DimensionListKey(int axis) => $"\0DIMENSION_LIST/{axis}";

    private (long Header, long Tree, long Heap) WriteGroup(Hdf5GroupWriter group, Dictionary<Hdf5ObjectWriter, long> datasets,
        AttributeAddresses addresses)
    {
        var members = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, member) in group.Members)
        {
            members[name] = member is Hdf5GroupWriter child
                ? WriteGroup(child, datasets, addresses).Header
                : datasets[member];
        }
        var (tree, localHeap) = SymbolTableGroup.Write(Space, group.Path, members);
        var header = new ObjectHeaderV1().Add(MessageType.SymbolTable, HeaderMessages.SymbolTableMessage(tree, localHeap));
        AddAttributes(header, group, addresses);
        return (Space.Append(header.Encode()), tree, localHeap);
    }

    /// <summary>The layout (and filter) messages of a dataset; writes its chunk index first.</summary>
    private List<(int Type, byte[] Body)> LayoutMessages(IDatasetMetadata dataset)
    {
        var messages = new List<(int, byte[])>();
        if (dataset.Options.Chunks is { } chunks)
        {
            var written = dataset.WrittenChunks;
            long? tree = written.Count == 0 ? null : ChunkBTree.Write(Space, written, dataset.ShapeArray, chunks);
            messages.Add((MessageType.DataLayout, HeaderMessages.ChunkedLayout(tree, chunks, dataset.ElementSize)));
            if (dataset.Options.Shuffle || dataset.Options.CompressionLevel > 0)
            {
                messages.Add((MessageType.FilterPipeline,
                    HeaderMessages.Filters(dataset.Options.Shuffle, dataset.Options.CompressionLevel, dataset.ElementSize)));
            }
        }
        else
        {
            messages.Add((MessageType.DataLayout,
                HeaderMessages.ContiguousLayout(dataset.DataAddress, dataset.ElementCount * dataset.ElementSize)));
        }
        return messages;
    }

    private static byte[] DatasetHeader(IDatasetMetadata dataset, List<(int Type, byte[] Body)> layout, AttributeAddresses addresses)
    {
        var header = new ObjectHeaderV1()
            .Add(MessageType.Dataspace, HeaderMessages.SimpleDataspace(dataset.ShapeArray))
            .Add(MessageType.Datatype, dataset.Datatype, constant: true)
            .Add(MessageType.FillValue, HeaderMessages.Fill(dataset.Options.Chunks is not null, dataset.FillBytes), constant: true);
        foreach (var (type, body) in layout)
        {
            header.Add(type, body);
        }
        var node = (Hdf5ObjectWriter)dataset;
        AddAttributes(header, node, addresses);
        AddScaleAttributes(header, node, dataset.ShapeArray.Length, addresses);
        return header.Encode();
    }

    /// <summary>
    /// DIMENSION_LIST (one sequence of one reference per axis; an axis without a scale gets an
    /// empty sequence) and REFERENCE_LIST (dataset reference and axis per attachment).
    /// </summary>
    private static void AddScaleAttributes(ObjectHeaderV1 header, Hdf5ObjectWriter node, int rank, AttributeAddresses addresses)
    {
        if (node.ScalesByAxis.Count > 0)
        {
            var data = new MetadataBuffer();
            for (var axis = 0; axis < rank; axis++)
            {
                if (node.ScalesByAxis.ContainsKey(axis))
                {
                    data.U32(1).U64(addresses.Heap).U32(addresses.HeapIndexOf((node, DimensionListKey(axis))));
                }
                else
                {
                    data.U32(0).U64(0L).U32(0);
                }
            }
            header.Add(MessageType.Attribute, HeaderMessages.AttributeMessage("DIMENSION_LIST",
                DatatypeEncoding.ReferenceSequence(), HeaderMessages.SimpleDataspace([rank]), data.Span));
        }
        if (node.AttachedTo.Count > 0)
        {
            var data = new MetadataBuffer();
            foreach (var (dataset, axis) in node.AttachedTo)
            {
                data.U64(addresses.HeaderOf(dataset)).U32(axis);
            }
            header.Add(MessageType.Attribute, HeaderMessages.AttributeMessage("REFERENCE_LIST",
                DatatypeEncoding.ReferenceListEntry(), HeaderMessages.SimpleDataspace([node.AttachedTo.Count]), data.Span));
        }
    }

    private static void AddAttributes(ObjectHeaderV1 header, Hdf5ObjectWriter node, AttributeAddresses addresses)
    {
        foreach (var (name, value) in node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            byte[] message;
            if (value is string text)
            {
                var data = new MetadataBuffer().U32(Encoding.UTF8.GetByteCount(text)).U64(addresses.Heap).U32(addresses.HeapIndexOf((node, name)));
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
