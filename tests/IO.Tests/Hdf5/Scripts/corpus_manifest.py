# Lists every numeric dataset of the corpus in @OUT@ that h5py reads, with its values as h5py
# reads them (little-endian raw bytes; long doubles rounded to float64 by numpy), in
# manifest.json: {file, path, clr, shape, bin}; and, as "refused", every numeric dataset h5py
# cannot read (a plugin filter that is not installed) with its filter ids. It runs in its own
# interpreter because importing PyTables registers its Blosc/LZO/bzip2 filters with the HDF5
# library that h5py shares, which would make h5py read what a plain h5py cannot.
import json
import os

import h5py
import numpy as np

out = "@OUT@"

CLR = {("i", 1): "sbyte", ("u", 1): "byte", ("i", 2): "short", ("u", 2): "ushort", ("i", 4): "int", ("u", 4): "uint",
       ("i", 8): "long", ("u", 8): "ulong", ("f", 2): "Half", ("f", 4): "float", ("f", 8): "double", ("f", 16): "double"}
manifest = {"readable": [], "refused": []}
for name in sorted(os.listdir(out)):
    if not name.endswith((".h5", ".nc")):
        continue
    with h5py.File(f"{out}/{name}", "r") as f:
        items = []
        f.visititems(lambda p, o: items.append((p, o)) if isinstance(o, h5py.Dataset) else None)
        for p, ds in items:
            dt = ds.dtype
            if dt.kind not in "iuf":
                continue
            try:
                arr = ds[()]
            except OSError:
                plist = ds.id.get_create_plist()
                ids = [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]
                manifest["refused"].append({"file": name, "path": "/" + p, "filters": ids})
                continue
            arr = np.asarray(arr)
            with np.errstate(over="ignore"):  # long doubles beyond float64's range become infinities
                expected = arr.astype("<f8") if dt.kind == "f" and dt.itemsize == 16 else arr.astype(dt.newbyteorder("<"))
            key = f"{name}.{len(manifest['readable'])}.bin"
            with open(f"{out}/{key}", "wb") as b:
                b.write(expected.tobytes())
            manifest["readable"].append({"file": name, "path": "/" + p, "clr": CLR[(dt.kind, dt.itemsize)],
                                         "shape": list(arr.shape), "bin": key})
with open(f"{out}/manifest.json", "w") as m:
    json.dump(manifest, m, indent=1)
print(len(manifest["readable"]), len(manifest["refused"]))
