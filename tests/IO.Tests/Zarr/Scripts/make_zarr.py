# Writes Zarr stores with zarr-python 2 / numcodecs / xarray (and hand-built v3 stores whose chunks
# numcodecs encodes), each beside <name>.bin: the array's values, C order, little-endian.
# Prints a JSON manifest {name: {dtype, shape, chunks, array}}.
import json, os
import numpy as np
import zarr, numcodecs
from numcodecs import Blosc, Zlib, GZip, Zstd

out = "@OUT@"
rng = np.random.default_rng(26)
manifest = {}

def expected(name, data, dtype):
    np.ascontiguousarray(data).astype(np.dtype(dtype).newbyteorder("<")).tofile(os.path.join(out, name + ".bin"))

def v2(name, data, chunks, compressor, dtype=None, order="C", fill_value=0, write=None, **kw):
    dtype = dtype or data.dtype.str
    z = zarr.open_array(os.path.join(out, name), mode="w", shape=data.shape, chunks=chunks, dtype=dtype,
                        compressor=compressor, order=order, fill_value=fill_value, **kw)
    if write is None:
        z[...] = data
    else:
        z[write] = data[write]
    values = z[...]
    expected(name, values, dtype)
    manifest[name] = {"dtype": np.dtype(dtype).name, "shape": list(data.shape), "chunks": list(z.chunks), "array": ""}

field = (np.sin(np.arange(37 * 53).reshape(37, 53) / 40.0) * 100 + rng.normal(0, 1, (37, 53))).astype("<f4").round(2)
compressors = {
    "raw": None,
    "zlib": Zlib(level=1),
    "gzip": GZip(level=5),
    "zstd": Zstd(level=3),
    "blosc_lz4": Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE),
    "blosc_lz4_noshuffle": Blosc(cname="lz4", clevel=5, shuffle=Blosc.NOSHUFFLE),
    "blosc_lz4_bitshuffle": Blosc(cname="lz4", clevel=5, shuffle=Blosc.BITSHUFFLE),
    "blosc_lz4hc": Blosc(cname="lz4hc", clevel=9, shuffle=Blosc.SHUFFLE),
    "blosc_zstd": Blosc(cname="zstd", clevel=3, shuffle=Blosc.SHUFFLE),
    "blosc_zstd_bitshuffle": Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE),
    "blosc_zlib": Blosc(cname="zlib", clevel=5, shuffle=Blosc.SHUFFLE),
    "blosc_zlib_bitshuffle": Blosc(cname="zlib", clevel=5, shuffle=Blosc.BITSHUFFLE),
    "blosc_lz4_smallblocks": Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE, blocksize=256),
    "blosc_lz4_bitshuffle_smallblocks": Blosc(cname="lz4", clevel=5, shuffle=Blosc.BITSHUFFLE, blocksize=200),
}
for name, compressor in compressors.items():
    v2("c_" + name, field, (10, 16), compressor, fill_value=np.nan)
v2("blosc_blosclz", field, (10, 16), Blosc(cname="blosclz"))

# Every Tessera element type, 733 elements in chunks of 100 (an uneven last chunk), zarr's default Blosc.
ramp = np.arange(733) - 300
for dtype in ["<f2", "<f4", "<f8", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "|b1"]:
    kind = np.dtype(dtype)
    data = (ramp % 2 == 0) if kind.kind == "b" else (ramp * 0.25 if kind.kind == "f" else ramp % (100 if kind.itemsize == 1 else 30000))
    v2("t_" + kind.name, np.asarray(data).astype(dtype), (100,), Blosc())
    # Bit shuffle with every type size (and 733 % 8 leftover elements) in one small-block frame.
    v2("bt_" + kind.name, np.asarray(data).astype(dtype), (733,), Blosc(cname="zstd", shuffle=Blosc.BITSHUFFLE, blocksize=128 * kind.itemsize))

v2("noise_u1", rng.integers(0, 256, 5000).astype("|u1"), (5000,), Blosc())  # incompressible: a plain-copy frame
v2("big_i4", (np.arange(11 * 13) * 1000 - 70000).reshape(11, 13), (4, 5), Zlib(), dtype=">i4")
v2("big_f8", field.astype("f8"), (16, 16), None, dtype=">f8")
v2("order_f", field, (10, 16), Zstd(), order="F")
v2("order_f3", (np.arange(5 * 6 * 7) - 100).reshape(5, 6, 7).astype("<i2"), (2, 4, 3), Blosc(), order="F")
v2("missing_f4", field, (10, 16), Blosc(), fill_value=np.nan, write=(slice(0, 10), slice(0, 53)))
v2("missing_i2", (np.arange(20 * 30) % 1000).reshape(20, 30).astype("<i2"), (8, 8), GZip(), fill_value=-7, write=(slice(8, 20), slice(0, 16)))
v2("slash", field, (10, 16), Blosc(), dimension_separator="/")
v2("scalar", np.array(3.5), (), Zlib())

# xarray's to_zarr: a consolidated group with dimension names and coordinates.
import xarray as xr
t2m = (rng.normal(280, 10, (6, 5, 8))).astype("<f4")
ds = xr.Dataset({"t2m": (("time", "lat", "lon"), t2m, {"units": "K"})},
                coords={"lat": np.linspace(-60, 60, 5), "lon": np.arange(8) * 45.0})
ds.to_zarr(os.path.join(out, "xr"), mode="w", consolidated=True, encoding={"t2m": {"chunks": (2, 5, 4)}})
expected("xr_t2m", t2m, "<f4")
expected("xr_lat", ds.lat.values, "<f8")
manifest["xr_t2m"] = {"dtype": "float32", "shape": [6, 5, 8], "chunks": [2, 5, 4], "array": "t2m", "store": "xr"}
manifest["xr_lat"] = {"dtype": "float64", "shape": [5], "chunks": [5], "array": "lat", "store": "xr"}

# Zarr v3 stores built by hand: zarr.json written here, chunks encoded with numcodecs.
def v3(name, data, chunks, codecs, fill, data_type, keys="default", sep="/", transpose=None, big=False, skip=(), dims=None):
    root = os.path.join(out, name)
    os.makedirs(root)
    chain = []
    if transpose is not None:
        chain.append({"name": "transpose", "configuration": {"order": transpose}})
    chain.append({"name": "bytes", "configuration": {"endian": "big" if big else "little"}})
    codec = None
    if codecs is not None:
        chain.append(codecs[0])
        codec = codecs[1]
    meta = {"zarr_format": 3, "node_type": "array", "shape": list(data.shape), "data_type": data_type,
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(chunks)}},
            "chunk_key_encoding": {"name": keys, "configuration": {"separator": sep}},
            "fill_value": fill, "codecs": chain, "attributes": {"note": "hand-built"}}
    if dims:
        meta["dimension_names"] = dims
    with open(os.path.join(root, "zarr.json"), "w") as f:
        json.dump(meta, f)
    fill_scalar = np.nan if fill == "NaN" else fill
    full = np.array(data, copy=True)
    grid = [-(-s // c) for s, c in zip(data.shape, chunks)]
    for index in np.ndindex(*grid):
        region = tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(index, chunks, data.shape))
        if index in skip:
            full[region] = fill_scalar
            continue
        chunk = np.full(chunks, fill_scalar, dtype=data.dtype)
        chunk[tuple(slice(0, r.stop - r.start) for r in region)] = data[region]
        if transpose is not None:
            chunk = chunk.transpose(transpose)
        raw = np.ascontiguousarray(chunk).astype(chunk.dtype.newbyteorder(">" if big else "<")).tobytes()
        encoded = codec.encode(raw) if codec is not None else raw
        key = ("c" + sep + sep.join(map(str, index))) if keys == "default" else ".".join(map(str, index))
        path = os.path.join(root, *key.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(bytes(encoded))
    expected(name, full, data.dtype.str)
    manifest[name] = {"dtype": data.dtype.name, "shape": list(data.shape), "chunks": list(chunks), "array": ""}

v3("v3_gzip", field[:20, :30], (8, 16), ({"name": "gzip", "configuration": {"level": 5}}, GZip(5)), "NaN", "float32",
   skip={(1, 1)}, dims=["y", "x"])
v3("v3_blosc_big_transpose", (np.arange(9 * 7) - 30).reshape(9, 7).astype("<i2"), (4, 4),
   ({"name": "blosc", "configuration": {"cname": "zstd", "clevel": 3, "shuffle": "bitshuffle", "typesize": 2, "blocksize": 0}},
    Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE)), 0, "int16", keys="v2", sep=".", transpose=[1, 0], big=True)
v3("v3_zstd", np.arange(100).astype("<u8"), (32,), ({"name": "zstd", "configuration": {"level": 1, "checksum": False}}, Zstd(1)),
   5, "uint64", skip={(2,)})
v3("v3_raw_f8", field[:5, :6].astype("<f8"), (5, 6), None, "Infinity", "float64")

print(json.dumps(manifest))
