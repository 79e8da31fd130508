"""The storage side-by-side's Python peers: dask.dataframe (threads) and pandas on the files Tessera wrote.

Usage: StorageWorkloads.py CSV_GLOB HDF5_FILE KEY REPEATS
Prints one JSON object: median seconds of groupby('names').amount.mean() per reader (each including
the read), and the group means of the HDF5 read (so the sides can be checked against each other).
"""
import json
import statistics
import sys
import time

import dask
import dask.dataframe as dd
import pandas as pd

pattern, h5, key, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
dask.config.set(scheduler="threads")

queries = {
    "dask-hdf": lambda: dd.read_hdf(h5, key).groupby("names").amount.mean().compute(),
    "dask-csv": lambda: dd.read_csv(pattern).groupby("names").amount.mean().compute(),
    "pandas-hdf": lambda: pd.read_hdf(h5, key).groupby("names").amount.mean(),
}
out = {}
for name, query in queries.items():
    result = query()  # warm-up: file cache, imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        query()
        times.append(time.perf_counter() - start)
    out[name] = statistics.median(times)
    if name == "dask-hdf":
        out["means"] = {str(k): float(v) for k, v in result.items()}
print(json.dumps(out))
