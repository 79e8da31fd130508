# Opens the stores Tessera wrote with zarr-python 2 and xarray and compares with the values Tessera
# meant to write (<name>.bin: C order, little-endian). Prints {name: "ok" or what differs}.
import json, os
import numpy as np
import zarr, xarray as xr

out = "@OUT@"
cases = json.loads(open(os.path.join(out, "cases.json")).read())
result = {}
for name, case in cases.items():
    try:
        z = zarr.open_array(os.path.join(out, case["store"]), mode="r", path=case["array"])
        expected = np.fromfile(os.path.join(out, name + ".bin"), dtype=np.dtype(case["dtype"]).newbyteorder("<")).reshape(case["shape"])
        values = z[...]
        problems = []
        if values.dtype != expected.dtype:
            problems.append(f"dtype {values.dtype} != {expected.dtype}")
        if list(z.chunks) != case["chunks"]:
            problems.append(f"chunks {z.chunks} != {case['chunks']}")
        compressor = z.compressor.get_config() if z.compressor is not None else None
        if case["compressor"] != (compressor["id"] + ("-" + compressor["cname"] if "cname" in compressor else "") if compressor else "none"):
            problems.append(f"compressor {compressor}")
        if not np.array_equal(values, expected, equal_nan=values.dtype.kind == "f"):
            problems.append("values differ")
        if case.get("dims"):
            ds = xr.open_zarr(os.path.join(out, case["store"]), consolidated=True)
            var = ds[case["array"]]
            if list(var.dims) != case["dims"]:
                problems.append(f"xarray dims {var.dims}")
            if not np.array_equal(var.values, expected, equal_nan=True):
                problems.append("xarray values differ")
            for key, value in (case.get("attrs") or {}).items():
                if var.attrs.get(key) != value:
                    problems.append(f"xarray attr {key}={var.attrs.get(key)!r}")
        result[name] = "; ".join(problems) or "ok"
    except Exception as e:
        result[name] = f"{type(e).__name__}: {e}"
print(json.dumps(result))
