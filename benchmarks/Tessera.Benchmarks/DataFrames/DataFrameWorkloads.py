"""The dataframe side-by-side's peers: pandas and dask.dataframe (threads) on the same CSV files.

Usage: DataFrameWorkloads.py GLOB pandas|dask REPEATS
Prints one JSON object: median seconds of each query (each including the read) and the peak RSS in KiB.
"""
import glob
import json
import resource
import statistics
import sys
import time

pattern, side, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(glob.glob(pattern))

if side == "pandas":
    import pandas as pd

    def read():
        return pd.concat([pd.read_csv(f) for f in files], ignore_index=True)

    queries = {
        "groupby": lambda: read().groupby("names").amount.mean(),
        "alice": lambda: int((read().names == "Alice").sum()),
    }
else:
    import dask
    import dask.dataframe as dd

    dask.config.set(scheduler="threads")

    queries = {
        "groupby": lambda: dd.read_csv(pattern).groupby("names").amount.mean().compute(),
        "alice": lambda: int(dd.read_csv(pattern).pipe(lambda d: d[d.names == "Alice"]).id.count().compute()),
    }

out = {}
for name, query in queries.items():
    query()  # warm-up: file cache, imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = query()
        times.append(time.perf_counter() - start)
    out[name] = statistics.median(times)
    if name == "alice":
        out["alice-count"] = result
out["rss-kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(out))
