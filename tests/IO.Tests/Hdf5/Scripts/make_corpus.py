# Builds the issue-25 corpus in @OUT@: HDF5 files from every writer on this machine, and a
# manifest of every numeric dataset h5py reads in them with its values as h5py reads them.
#   h5py with each libver (earliest, v108, v110, latest): every integer width and order,
#     float16/32/64, long double (float128), bitfields, enums; contiguous, compact and
#     chunked layouts; deflate, shuffle, fletcher32, LZF, scale-offset and szip filters.
#   h5repack (hdf5-tools, with libaec's szip): every filter and layout it offers.
#   netCDF4 (classic and enhanced models) and PyTables (arrays, chunked arrays, plugin filters).
#   The hand-built old_layouts.h5 (layout messages v1/v2), written by @FIXTURES@/make_old_layouts.py.
# corpus_manifest.py then records what h5py reads, in a fresh interpreter (see there).
import json
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

out = "@OUT@"
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(25)

INTS = ["i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8"]


def values(code, shape):
    dt = np.dtype(code)
    if dt.kind == "f":
        v = rng.standard_normal(shape) * 1000
        return v.astype(dt)
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, size=shape, dtype=dt.newbyteorder("="), endpoint=True).astype(dt)


def compact(f, name, data):
    """A compact dataset (h5py has no high-level option for it)."""
    f.require_group(os.path.dirname(name))
    space = h5py.h5s.create_simple(data.shape)
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    tid = h5py.h5t.py_create(data.dtype)
    ds = h5py.h5d.create(f.id, name.encode(), tid, space, dcpl=dcpl)
    ds.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray(data))


def bitfield(f, name, bits, data, chunks=None):
    """A dataset of HDF5 bitfield type (class 4), which h5py reads as unsigned integers."""
    f.require_group(os.path.dirname(name))
    tid = {8: h5py.h5t.STD_B8LE, 16: h5py.h5t.STD_B16LE, 32: h5py.h5t.STD_B32BE, 64: h5py.h5t.STD_B64LE}[bits]
    space = h5py.h5s.create_simple(data.shape)
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    if chunks:
        dcpl.set_chunk(chunks)
        dcpl.set_deflate(4)
    ds = h5py.h5d.create(f.id, name.encode(), tid, space, dcpl=dcpl)
    mem = {8: h5py.h5t.NATIVE_B8, 16: h5py.h5t.NATIVE_B16, 32: h5py.h5t.NATIVE_B32, 64: h5py.h5t.NATIVE_B64}[bits]
    ds.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray(data), mtype=mem)


def packed(f, name, base, precision, offset, data, chunks=None, szip=False):
    """Integers of a type with fewer significant bits than it occupies; chunked ones N-bit packed."""
    if os.path.dirname(name):
        f.require_group(os.path.dirname(name))
    tid = base.copy()
    tid.set_precision(precision)
    tid.set_offset(offset)
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    if chunks:
        dcpl.set_chunk(chunks)
        if szip:
            dcpl.set_szip(h5py.h5z.SZIP_NN_OPTION_MASK, 8)  # szip codes precision-wide samples (here 12 bits)
        else:
            dcpl.set_filter(h5py.h5z.FILTER_NBIT)
    ds = h5py.h5d.create(f.id, name.encode(), tid, h5py.h5s.create_simple(data.shape), dcpl=dcpl)
    ds.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray(data))


def h5py_file(libver):
    path = f"{out}/h5py_{libver}.h5"
    with h5py.File(path, "w", libver=libver) as f:
        shape = (37, 23)
        for code in INTS:
            for order in "<>":
                dt = order + code
                v = values(dt, shape)
                f.create_dataset(f"int/{code}{order == '>' and 'be' or 'le'}_contiguous", data=v)
                f.create_dataset(f"int/{code}{order == '>' and 'be' or 'le'}_chunked", data=v, chunks=(8, 5), compression="gzip", shuffle=True)
        for code in ["<f2", ">f2", "<f4", ">f4", "<f8", ">f8"]:
            v = values(code, shape)
            f.create_dataset(f"float/{code[1:]}{code[0] == '>' and 'be' or 'le'}", data=v, chunks=(10, 10))
        ld = (rng.standard_normal(shape) * 1e3).astype(np.longdouble) / np.longdouble(3)
        ld[0, :4] = [np.longdouble(1) / 3, np.longdouble("1e-320"), np.longdouble("1e4000"), -np.longdouble("1e-4000")]
        f.create_dataset("float/f16_longdouble", data=ld)
        f.create_dataset("float/f16_longdouble_chunked", data=ld, chunks=(16, 16), compression="gzip")
        for bits in (8, 16, 32, 64):
            bitfield(f, f"bitfield/b{bits}", bits, values(f"u{bits // 8}", shape))
        bitfield(f, "bitfield/b16_chunked", 16, values("u2", shape), chunks=(9, 9))
        e8 = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": -3}, basetype="i1")
        e16 = h5py.enum_dtype({"A": 0, "B": 60000}, basetype=">u2")
        f.create_dataset("enum/i1", data=rng.choice([0, 1, -3], size=shape).astype("i1"), dtype=e8)
        f.create_dataset("enum/u2be", data=rng.choice([0, 60000], size=shape).astype("u2"), dtype=e16, chunks=(5, 5))
        compact(f, "layout/compact_i4", values("<i4", (11, 7)))
        f.create_dataset("layout/scalar_f8", data=np.float64(2.5))
        f.create_dataset("layout/unlimited", data=values("<i2", shape), chunks=(6, 6), maxshape=(None, 23))
        f.create_dataset("layout/unlimited2", data=values("<i2", shape), chunks=(6, 6), maxshape=(None, None))
        f.create_dataset("layout/single_chunk", data=values("<f4", shape), chunks=shape, compression="gzip")
        part = f.create_dataset("layout/partly_written", shape=(40, 40), chunks=(10, 10), dtype="<i4", fillvalue=-7)
        part[3:12, 25:31] = values("<i4", (9, 6))
        f.create_dataset("layout/timed", data=values("<u2", (5, 5)), track_times=True)
        packed(f, "nbit/i4_p12", h5py.h5t.STD_I32LE, 12, 0, rng.integers(-2048, 2047, shape, "<i4"), chunks=(8, 8))
        packed(f, "nbit/u2_p9_o3", h5py.h5t.STD_U16LE, 9, 3, rng.integers(0, 511, shape, "<u2"), chunks=(10, 10))
        packed(f, "nbit/i8be_p40_o8", h5py.h5t.STD_I64BE, 40, 8, rng.integers(-2**39, 2**39 - 1, shape, "<i8"), chunks=(16, 16))
        packed(f, "nbit/szip_u2_p12", h5py.h5t.STD_U16LE, 12, 0, rng.integers(0, 4095, shape, "<u2"), chunks=(9, 23), szip=True)
        packed(f, "nbit/i2_p7_contiguous", h5py.h5t.STD_I16LE, 7, 4, rng.integers(-64, 63, shape, "<i2"))
        f.create_dataset("filter/fletcher32", data=values("<i4", shape), chunks=(8, 8), fletcher32=True)
        f.create_dataset("filter/lzf_f8", data=np.cumsum(values("<f8", shape), axis=1), chunks=(8, 8), compression="lzf")
        f.create_dataset("filter/lzf_i2_shuffle", data=values("<i2", shape) // 64, chunks=(8, 8), compression="lzf", shuffle=True)
        f.create_dataset("filter/lzf_random_u8", data=values("<u8", shape), chunks=(8, 8), compression="lzf")
        for code in ["<i1", "<u1", "<i2", ">u2", "<i4", ">i4", "<u4", "<i8", "<u8"]:
            v = values(code, shape)
            small = (v // 1000 if v.dtype.itemsize > 1 else v // 4).astype(code)
            name = code[1:] + (code[0] == ">" and "be" or "le")
            f.create_dataset(f"filter/scaleoffset_{name}", data=small, chunks=(8, 8), scaleoffset=0)
        f.create_dataset("filter/scaleoffset_i4_fill", data=values("<i4", shape) // 100000, chunks=(8, 8), scaleoffset=0, fillvalue=12345)
        f.create_dataset("filter/scaleoffset_i2_bits", data=(values("<i2", shape) // 2048).astype("<i2"), chunks=(8, 8), scaleoffset=5)
        f.create_dataset("filter/scaleoffset_f4", data=values("<f4", shape), chunks=(8, 8), scaleoffset=2)
        f.create_dataset("filter/scaleoffset_f8", data=values("<f8", shape), chunks=(8, 8), scaleoffset=3)
        f.create_dataset("filter/scaleoffset_f8be_fill", data=values(">f8", shape), chunks=(8, 8), scaleoffset=1, fillvalue=-1.5)
        f.create_dataset("filter/scaleoffset_constant", data=np.full(shape, 42, "<i4"), chunks=(8, 8), scaleoffset=0)
        for code in ["<u1", "<i2", ">u2", "<i4", "<f4", ">f8", "<i8"]:
            name = code[1:] + (code[0] == ">" and "be" or "le")
            v = values(code, shape)
            if v.dtype.kind in "iu" and v.dtype.itemsize > 1:
                v = (v // 4096).astype(code)
            f.create_dataset(f"filter/szip_nn_{name}", data=v, chunks=(8, 10), compression="szip", compression_opts=("nn", 8))
            f.create_dataset(f"filter/szip_ec_{name}", data=v, chunks=(12, 12), compression="szip", compression_opts=("ec", 16))
        f.create_dataset("filter/szip_smooth_i4", data=np.cumsum(values("<i2", shape).astype("<i4"), axis=1), chunks=(37, 23),
                         compression="szip", compression_opts=("nn", 32))
        f.create_dataset("filter/szip_zeros_u2", data=np.zeros(shape, "<u2"), chunks=(37, 23), compression="szip", compression_opts=("nn", 8))
        f.create_dataset("filter/szip_zeros_big_u1", data=np.zeros((256, 256), "u1"), chunks=(256, 256),
                         compression="szip", compression_opts=("nn", 32))  # ~1000 samples per stored bit
        sparse = np.zeros((64, 64), "<i2")
        sparse[7, 3] = 9
        sparse[50, 60] = -4
        f.create_dataset("filter/szip_sparse_i2", data=sparse, chunks=(64, 64), compression="szip", compression_opts=("ec", 32))
        f.create_dataset("filter/szip_shuffle_gzip_f4", data=values("<f4", shape), chunks=(10, 10), compression="szip", shuffle=True)
        f.create_dataset("other/opaque_v4", data=np.zeros(5, "V4"))
        f.create_dataset("filter/gzip_fletcher_shuffle", data=values(">i8", shape), chunks=(8, 8), compression="gzip", shuffle=True, fletcher32=True)


for lv in ["earliest", "v108", "v110", "latest"]:
    h5py_file(lv)

# --- h5repack: every filter and layout, from a plain file.
base = f"{out}/repack_base.h5"
with h5py.File(base, "w") as f:
    shape = (40, 50)
    for code in ["<i1", "<u1", "<i2", "<u2", ">i4", "<u4", "<i8", "<f4", "<f8", ">f8"]:
        v = values(code, shape)
        if v.dtype.kind in "iu" and v.dtype.itemsize > 1:
            v = (v // 65536 if v.dtype.itemsize > 2 else v // 16).astype(code)
        f.create_dataset(code[1:] + (code[0] == ">" and "be" or "le"), data=v)
    f.create_dataset("smooth_f8", data=np.cumsum(rng.standard_normal(shape), axis=0))
repacks = {
    "szip_nn8": ["-f", "SZIP=8,NN", "-l", "CHUNK=10x25"],
    "szip_ec8": ["-f", "SZIP=8,EC", "-l", "CHUNK=10x25"],
    "szip_nn32": ["-f", "SZIP=32,NN"],
    "szip_ec16_latest": ["-L", "-f", "SZIP=16,EC", "-l", "CHUNK=7x13"],
    "gzip": ["-f", "GZIP=6"],
    "shuffle_gzip": ["-f", "SHUF", "-f", "GZIP=1"],
    "fletcher": ["-f", "FLET"],
    "scaleoffset": ["-f", "i1le,u1le,i2le,u2le,i4be,u4le,i8le:SOFF=0,IN", "-f", "f4le,f8le,f8be,smooth_f8:SOFF=3,DS"],
    "chunk": ["-l", "CHUNK=9x11"],
    "chunk_latest": ["-L", "-l", "CHUNK=9x11"],
    "compact": ["-l", "COMPA"],
}
for name, args in repacks.items():
    subprocess.run(["h5repack", *args, base, f"{out}/repack_{name}.h5"], check=True, capture_output=True)
subprocess.run(["h5repack", "-l", "CONTI", f"{out}/repack_szip_nn8.h5", f"{out}/repack_contiguous.h5"], check=True, capture_output=True)
subprocess.run(["h5repack", "-f", "NBIT", base, f"{out}/repack_nbit.h5"], check=True, capture_output=True)

# --- The other HDF5 command-line tools: h5import (text to datasets), h5jam (a user block before
# the superblock, so every address is relative to a base address of 512), h5copy.
with open(f"{out}/import_i4.txt", "w") as t:
    t.write("\n".join(" ".join(str(x) for x in row) for row in values("<i4", (9, 7)) // 1000))
with open(f"{out}/import_f8.txt", "w") as t:
    t.write("\n".join(" ".join(repr(float(x)) for x in row) for row in values("<f8", (5, 11))))
imports = {
    "import_i4": "PATH /imported/i4be\nINPUT-CLASS TEXTIN\nRANK 2\nDIMENSION-SIZES 9 7\nOUTPUT-CLASS IN\nOUTPUT-SIZE 32\n"
                 "OUTPUT-BYTE-ORDER BE\nOUTPUT-ARCHITECTURE STD\nCHUNKED-DIMENSION-SIZES 4 4\nCOMPRESSION-TYPE GZIP\nCOMPRESSION-PARAM 6\n",
    "import_f8": "PATH /imported/f8\nINPUT-CLASS TEXTFP\nRANK 2\nDIMENSION-SIZES 5 11\nOUTPUT-CLASS FP\nOUTPUT-SIZE 64\n"
                 "OUTPUT-ARCHITECTURE IEEE\nOUTPUT-BYTE-ORDER LE\n",
}
args = []
for name, conf in imports.items():
    with open(f"{out}/{name}.conf", "w") as c:
        c.write(conf)
    args += [f"{out}/{name}.txt", "-c", f"{out}/{name}.conf"]
subprocess.run(["h5import", *args, "-o", f"{out}/tools_h5import.h5"], check=True, capture_output=True)
with open(f"{out}/userblock.txt", "w") as u:
    u.write("a user block written by h5jam\n")
subprocess.run(["h5jam", "-u", f"{out}/userblock.txt", "-i", f"{out}/repack_szip_nn8.h5", "-o", f"{out}/tools_h5jam.h5"],
               check=True, capture_output=True)
subprocess.run(["h5copy", "-i", f"{out}/h5py_earliest.h5", "-o", f"{out}/tools_h5copy.h5", "-s", "/filter", "-d", "/copied"],
               check=True, capture_output=True)

# --- netCDF4: the classic model and the enhanced one (groups, unsigned types, zlib, unlimited axes).
import netCDF4

for fmt in ["NETCDF4", "NETCDF4_CLASSIC"]:
    with netCDF4.Dataset(f"{out}/netcdf_{fmt.lower()}.nc", "w", format=fmt) as nc:
        nc.createDimension("time", None)
        nc.createDimension("lat", 19)
        nc.createDimension("lon", 36)
        t = nc.createVariable("temp", "f4", ("time", "lat", "lon"), zlib=True, complevel=4, shuffle=True, fill_value=-999.0)
        t[0:5] = values("<f4", (5, 19, 36))
        c = nc.createVariable("count", "i2", ("lat", "lon"), zlib=True, chunksizes=(7, 9))
        c[:] = values("<i2", (19, 36))
        nc.createVariable("lat", "f8", ("lat",))[:] = np.linspace(-90, 90, 19)
        if fmt == "NETCDF4":
            g = nc.createGroup("sub")
            g.createVariable("u8", "u8", ("lat",))[:] = values("<u8", (19,))
            g.createVariable("b", "i1", ("lon",), fill_value=-1)[:10] = values("<i1", (10,))

# --- PyTables: plain, chunked/compressed and extendable arrays; Blosc and LZO are plugin filters.
import tables

with tables.open_file(f"{out}/pytables.h5", "w") as t:
    t.create_array("/", "array_f8", values("<f8", (30, 20)))
    t.create_array("/", "array_i4be", values(">i4", (30, 20)))
    ca = t.create_carray("/", "carray_zlib", tables.Int16Atom(), (30, 20), filters=tables.Filters(5, "zlib", shuffle=True), chunkshape=(7, 6))
    ca[:] = values("<i2", (30, 20))
    ea = t.create_earray("/", "earray_f4", tables.Float32Atom(), (0, 20), filters=tables.Filters(1, "zlib"), chunkshape=(4, 20))
    ea.append(values("<f4", (13, 20)))
    grp = t.create_group("/", "grp")
    t.create_array(grp, "u2", values("<u2", (100,)))
    for lib in ["blosc", "lzo", "bzip2"]:
        cb = t.create_carray("/", f"carray_{lib}", tables.Float64Atom(), (30, 20), filters=tables.Filters(5, lib), chunkshape=(10, 10))
        cb[:] = values("<f8", (30, 20))

# --- Small chunked datasets for the byte-flipping test: one per decoder written for issue 25.
with h5py.File(f"{out}/mutation_filters.h5", "w", libver="earliest") as f:
    small = (12, 10)
    f.create_dataset("lzf", data=values("<i2", small) // 256, chunks=(6, 5), compression="lzf")
    f.create_dataset("szip", data=values("<i4", small) // 65536, chunks=(6, 10), compression="szip", compression_opts=("nn", 8))
    f.create_dataset("szip_u1", data=values("<u1", small), chunks=(12, 10), compression="szip", compression_opts=("ec", 8))
    f.create_dataset("scaleoffset_i4", data=values("<i4", small) // 65536, chunks=(6, 5), scaleoffset=0)
    f.create_dataset("scaleoffset_f8", data=values("<f8", small), chunks=(6, 5), scaleoffset=2)
    packed(f, "nbit_i4", h5py.h5t.STD_I32LE, 11, 2, rng.integers(-1024, 1023, small, "<i4"), chunks=(6, 5))
    f.create_dataset("float16", data=values("<f2", small), chunks=(6, 5), compression="gzip")
    f.create_dataset("longdouble", data=values("<f8", small).astype(np.longdouble), chunks=(6, 5))

# --- A virtual dataset (HDF5 1.10+): not implemented here; the corpus test expects a clear refusal.
with h5py.File(f"{out}/unsupported_vds.h5", "w", libver="latest") as f:
    f.create_dataset("source", data=values("<i4", (4, 6)))
    layout = h5py.VirtualLayout(shape=(4, 6), dtype="<i4")
    layout[:] = h5py.VirtualSource(f["source"])
    f.create_virtual_dataset("virtual", layout)

# --- External storage: the data sit in a raw file beside the HDF5 file; expected to be refused clearly.
with h5py.File(f"{out}/unsupported_external.h5", "w") as f:
    f.create_dataset("external", shape=(10,), dtype="<i4", external=[(f"{out}/external.raw", 0, 40)])
    f["external"][:] = np.arange(10, dtype="<i4")

subprocess.run([sys.executable, "@FIXTURES@/make_old_layouts.py", f"{out}/old_layouts.h5"], check=True)

