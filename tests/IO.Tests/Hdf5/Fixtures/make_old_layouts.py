#!/usr/bin/env python3
"""Builds old_layouts.h5 byte by byte: an HDF5 file as HDF5 1.4/1.6-era libraries wrote it.

No HDF5 library in use today writes data layout messages of version 1 or 2 (1.6 and later
write version 3 or 4), so this script lays the structures out by hand, following the HDF5
File Format Specification (version 0 superblock, version 1 object headers, symbol-table
groups with a v1 B-tree, local heap and symbol node). The tests run

    python3 make_old_layouts.py old_layouts.h5

at test time (the output is the same every run) and read it with h5py as the oracle; h5dump
reads it too. What it holds:

  /contiguous_f8be    float64 big-endian [5, 6]   layout v1 contiguous; old fill value
                      message (0x0004) = 0.5; old modification time (0x000E)
  /chunked_i4         int32 [7, 9], chunks [3, 4] layout v1 chunked, v1 B-tree of raw data
                      chunks whose keys carry rank + 1 offsets; chunk (1, 2) never written,
                      so it reads as the fill value -1 (fill value message v1)
  /deflate_u2         uint16 [10], chunks [4]     layout v2 chunked, filter pipeline v1 with
                      deflate; fill value message v2; modification time (0x0012)
  /compact_i2         int16 [3, 4]                layout v2 compact (the data sits in the message)
  /sub/inner_u1       uint8 [4]                   layout v1 contiguous, in a second group
  /zz_bitfield_b8     bitfield 8 bits [6]         layout v1 contiguous (datatype class 4)

Every chunk layout stores dimensionality = rank + 1, the last dimension the element size, as
the HDF5 1.4 library did for every layout class.
"""
import struct
import sys
import zlib

import numpy as np

UNDEF = 0xFFFFFFFFFFFFFFFF


class File:
    """An append-only byte buffer; structures are placed at 8-byte aligned addresses."""

    def __init__(self):
        self.buf = bytearray()

    def alloc(self, data):
        while len(self.buf) % 8:
            self.buf.append(0)
        at = len(self.buf)
        self.buf += data
        return at

    def patch(self, at, data):
        self.buf[at:at + len(data)] = data


def pad8(b):
    return b + b"\0" * (-len(b) % 8)


def message(mtype, body, flags=0):
    """A version-1 object header message: type (2), size (2), flags (1), reserved (3), body padded to 8."""
    body = pad8(body)
    return struct.pack("<HHB3x", mtype, len(body), flags) + body


def object_header(messages):
    """Version-1 object header: version 1, reserved, message count (2), reference count (4),
    header size (4), 4 bytes of padding so messages start 8-aligned (16-byte prefix)."""
    body = b"".join(messages)
    return struct.pack("<BxHII4x", 1, len(messages), 1, len(body)) + body


def dataspace(dims):
    """Dataspace message version 1: version, rank, flags (0: no max dims), reserved (5), sizes (8 each)."""
    return struct.pack("<BBB5x", 1, len(dims), 0) + b"".join(struct.pack("<Q", d) for d in dims)


def fixed_type(size, signed, big_endian=False, cls=0):
    """Datatype message version 1, class 0 (fixed point) or 4 (bitfield): class/version byte,
    3 bytes of class bits (bit 0 byte order, bit 3 signed), size (4), bit offset (2), precision (2)."""
    bits = (1 if big_endian else 0) | (8 if signed and cls == 0 else 0)
    return struct.pack("<B3sI", (1 << 4) | cls, bytes([bits, 0, 0]), size) + struct.pack("<HH", 0, size * 8)


def float64_type(big_endian):
    """Datatype message version 1, class 1: bits = byte order | mantissa normalisation 2 (implied
    msb) << 4 | sign at bit 63 << 8; then bit offset 0, precision 64, exponent at bit 52 of 11 bits,
    mantissa at bit 0 of 52 bits, exponent bias 1023."""
    bits = (1 if big_endian else 0) | (2 << 4)
    return struct.pack("<B3sI", (1 << 4) | 1, bytes([bits, 63, 0]), 8) + struct.pack("<HHBBBBI", 0, 64, 52, 11, 0, 52, 1023)


def layout_contiguous(version, address, dims, element_size):
    """Data layout version 1/2, class 1: version, dimensionality (rank + 1), class, reserved (5),
    address (8), dimension sizes (4 each; the last is the element size)."""
    ds = list(dims) + [element_size]
    return struct.pack("<BBB5xQ", version, len(ds), 1, address) + b"".join(struct.pack("<I", d) for d in ds)


def layout_chunked(version, btree, chunk, element_size):
    """Data layout version 1/2, class 2: as contiguous, the address is the v1 B-tree's and the
    dimension sizes are the chunk's (the last the element size)."""
    ds = list(chunk) + [element_size]
    return struct.pack("<BBB5xQ", version, len(ds), 2, btree) + b"".join(struct.pack("<I", d) for d in ds)


def layout_compact(version, dims, element_size, data):
    """Data layout version 1/2, class 0: no address; dimension sizes, compact data size (4), data."""
    ds = list(dims) + [element_size]
    return (struct.pack("<BBB5x", version, len(ds), 0) + b"".join(struct.pack("<I", d) for d in ds)
            + struct.pack("<I", len(data)) + data)


def old_fill(value_bytes):
    """Old fill value message (0x0004): size (4) and the value."""
    return struct.pack("<I", len(value_bytes)) + value_bytes


def fill_v1(value_bytes):
    """Fill value message version 1: version, allocation time (3 = incremental), write time (0 = on
    allocation), defined (1), size (4), value."""
    return struct.pack("<BBBBI", 1, 3, 0, 1, len(value_bytes)) + value_bytes


def fill_v2(value_bytes):
    """Fill value message version 2: as version 1; size and value only when defined."""
    return struct.pack("<BBBBI", 2, 3, 0, 1, len(value_bytes)) + value_bytes


def mtime_old(text):
    """Old modification time message (0x000E): "YYYYMMDDhhmmss" in UTC and 2 reserved bytes."""
    return text.encode("ascii") + b"\0\0"


def mtime_new(seconds):
    """Modification time message (0x0012) version 1: version, reserved (3), seconds since 1970 (4)."""
    return struct.pack("<B3xI", 1, seconds)


def filter_pipeline_v1_deflate(level):
    """Filter pipeline message version 1: version, filter count, reserved (6); per filter: id (2),
    name length (2, padded to 8), flags (2), client data count (2), name, client data (4 each,
    padded to an even count)."""
    name = pad8(b"deflate\0")
    return (struct.pack("<BB6x", 1, 1) + struct.pack("<HHHH", 1, len(name), 0, 1) + name
            + struct.pack("<I", level) + b"\0" * 4)


def chunk_btree(f, rank, chunk, element_size, chunks, k=32):
    """A v1 B-tree of type 1 (raw data chunks), one leaf: "TREE", type 1, level 0, entries used,
    left and right siblings (undefined), then key 0, child 0, key 1, ... key N. A key is the
    chunk's stored size (4), filter mask (4) and rank + 1 offsets (8 each; the last is 0). The
    final key is the last chunk's offsets plus the chunk size. Space is reserved for 2K entries,
    as the library reads whole nodes."""
    def key(size, offsets):
        return struct.pack("<II", size, 0) + b"".join(struct.pack("<Q", o) for o in list(offsets) + [0])

    body = b""
    for offsets, address, size in chunks:
        body += key(size, offsets) + struct.pack("<Q", address)
    last = chunks[-1][0]
    body += key(0, [o + c for o, c in zip(last, chunk)])
    key_size = 8 + 8 * (rank + 1)
    full = 2 * k * (key_size + 8) + key_size
    node = b"TREE" + struct.pack("<BBHQQ", 1, 0, len(chunks), UNDEF, UNDEF) + body
    return f.alloc(node + b"\0" * (24 + full - len(node)))


def group(f, entries, leaf_k=4):
    """An old-style group: a local heap holding the names, one symbol node (SNOD) with the
    entries sorted by name, a v1 B-tree of type 0 pointing at it, and an object header with a
    symbol table message (0x0011: B-tree address, heap address). Returns (header address,
    B-tree address, heap address)."""
    entries = sorted(entries)
    heap_data = bytearray(b"\0" * 8)  # offset 0: the empty name
    offsets = []
    for name, _ in entries:
        offsets.append(len(heap_data))
        heap_data += pad8(name.encode() + b"\0")
    # The library keeps spare room as a free block: next free block (8; 1 means none) and its size (8).
    free_at = len(heap_data)
    heap_data += struct.pack("<QQ", 1, 16)
    data_at = f.alloc(bytes(heap_data))
    # Local heap: "HEAP", version 0, reserved (3), data size (8), offset of the first free block (8), data address (8).
    heap = f.alloc(b"HEAP" + struct.pack("<B3xQQQ", 0, len(heap_data), free_at, data_at))
    # Symbol node: "SNOD", version 1, reserved, symbol count (2), then 2 * leaf K entries of 40 bytes:
    # name offset (8), object header address (8), cache type (4, 0 = nothing cached), reserved (4), scratch (16).
    snod = b"SNOD" + struct.pack("<BxH", 1, len(entries))
    for off, (_, header) in zip(offsets, entries):
        snod += struct.pack("<QQI4x16x", off, header, 0)
    snod += b"\0" * (8 + 2 * leaf_k * 40 - len(snod))
    snod_at = f.alloc(snod)
    # Group B-tree (type 0): keys are heap offsets of names; key 0 the empty name, key 1 the last name.
    tree = b"TREE" + struct.pack("<BBHQQ", 0, 0, 1, UNDEF, UNDEF) + struct.pack("<QQQ", 0, snod_at, offsets[-1])
    tree += b"\0" * (24 + 2 * 16 * 16 + 8 - len(tree))
    tree_at = f.alloc(tree)
    header = f.alloc(object_header([message(0x11, struct.pack("<QQ", tree_at, heap))]))
    return header, tree_at, heap


def dataset(f, messages):
    return f.alloc(object_header([message(t, b) for t, b in messages]))


def build(path):
    f = File()
    superblock_at = f.alloc(b"\0" * 96)  # written last, when every address is known
    rng = np.random.default_rng(25)

    # /contiguous_f8be: float64 big-endian, layout v1 contiguous.
    values = rng.standard_normal((5, 6))
    data = f.alloc(values.astype(">f8").tobytes())
    contiguous = dataset(f, [
        (0x01, dataspace([5, 6])), (0x03, float64_type(True)),
        (0x04, old_fill(np.array(0.5, ">f8").tobytes())),
        (0x08, layout_contiguous(1, data, [5, 6], 8)),
        (0x0E, mtime_old("20030915123045")),
    ])

    # /chunked_i4: int32 [7, 9], chunks [3, 4]; chunk (1, 2) is left unwritten.
    full = np.arange(63, dtype="<i4").reshape(7, 9) * 3 - 50
    chunks = []
    for r in range(3):
        for c in range(3):
            if (r, c) == (1, 2):
                continue
            block = np.full((3, 4), -1, "<i4")
            part = full[r * 3:r * 3 + 3, c * 4:c * 4 + 4]
            block[:part.shape[0], :part.shape[1]] = part
            chunks.append(((r * 3, c * 4), f.alloc(block.tobytes()), block.nbytes))
    btree = chunk_btree(f, 2, [3, 4], 4, chunks)
    chunked = dataset(f, [
        (0x01, dataspace([7, 9])), (0x03, fixed_type(4, True)),
        (0x05, fill_v1(np.array(-1, "<i4").tobytes())),
        (0x08, layout_chunked(1, btree, [3, 4], 4)),
    ])

    # /deflate_u2: uint16 [10], chunks [4], deflate, layout v2.
    u2 = (np.arange(10, dtype="<u2") * 1000 + 7).astype("<u2")
    dchunks = []
    for i in range(3):
        block = np.zeros(4, "<u2")
        part = u2[i * 4:i * 4 + 4]
        block[:len(part)] = part
        packed = zlib.compress(block.tobytes(), 6)
        dchunks.append(((i * 4,), f.alloc(packed), len(packed)))
    dtree = chunk_btree(f, 1, [4], 2, dchunks)
    deflate = dataset(f, [
        (0x01, dataspace([10])), (0x03, fixed_type(2, False)),
        (0x05, fill_v2(np.array(0, "<u2").tobytes())),
        (0x0B, filter_pipeline_v1_deflate(6)),
        (0x08, layout_chunked(2, dtree, [4], 2)),
        (0x12, mtime_new(1104537600)),  # 2005-01-01T00:00:00Z
    ])

    # /compact_i2: int16 [3, 4], layout v2 compact.
    i2 = (np.arange(12, dtype="<i2") - 6).reshape(3, 4) * 1111
    compact = dataset(f, [
        (0x01, dataspace([3, 4])), (0x03, fixed_type(2, True)),
        (0x08, layout_compact(2, [3, 4], 2, i2.tobytes())),
    ])

    # /zz_bitfield_b8: 8-bit bitfield [6], layout v1 contiguous.
    b8 = np.array([0, 1, 2, 128, 255, 170], "u1")
    bitfield = dataset(f, [
        (0x01, dataspace([6])), (0x03, fixed_type(1, False, cls=4)),
        (0x08, layout_contiguous(1, f.alloc(b8.tobytes()), [6], 1)),
    ])

    # /sub/inner_u1: uint8 [4], in an old-style subgroup.
    u1 = np.array([3, 1, 4, 1], "u1")
    inner = dataset(f, [
        (0x01, dataspace([4])), (0x03, fixed_type(1, False)),
        (0x08, layout_contiguous(1, f.alloc(u1.tobytes()), [4], 1)),
    ])
    sub, _, _ = group(f, [("inner_u1", inner)])

    root, root_tree, root_heap = group(f, [
        ("contiguous_f8be", contiguous), ("chunked_i4", chunked), ("deflate_u2", deflate),
        ("compact_i2", compact), ("sub", sub), ("zz_bitfield_b8", bitfield),
    ])

    # Superblock version 0: signature, versions (superblock 0, free space 0, root entry 0,
    # reserved, shared header 0), offset and length sizes 8, reserved, group leaf K 4, group
    # internal K 16, consistency flags (4), base address 0, free-space address (undefined),
    # end-of-file address, driver block (undefined), then the root group's symbol table entry
    # with cache type 1: the scratch pad holds the root's B-tree and heap addresses.
    while len(f.buf) % 8:
        f.buf.append(0)
    sb = (b"\x89HDF\r\n\x1a\n" + struct.pack("<BBBBBBBB", 0, 0, 0, 0, 0, 8, 8, 0) + struct.pack("<HHI", 4, 16, 0)
          + struct.pack("<QQQQ", 0, UNDEF, len(f.buf), UNDEF)
          + struct.pack("<QQI4xQQ", 0, root, 1, root_tree, root_heap))
    f.patch(superblock_at, sb)
    with open(path, "wb") as out:
        out.write(f.buf)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "old_layouts.h5")
