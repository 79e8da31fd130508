"""The group-by shuffle side-by-side's peer: dask.dataframe 2022.12 (threads) split_out.

Usage: GroupByShuffleWorkloads.py ROWS KEYS PARTITIONS SPLIT_OUT REPEATS
Builds ROWS rows whose int64 key k takes KEYS distinct values (each about ROWS/KEYS times, in a
seeded random order) and an int64 value v, persisted in PARTITIONS partitions; then times
df.groupby('k').v.sum(split_out=...) persisted, for split_out 1 and SPLIT_OUT. Prints one JSON
object: median seconds per query and the groups each result holds.
"""
import json
import statistics
import sys
import time

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

rows, keys, partitions, split_out, repeats = (int(a) for a in sys.argv[1:6])
dask.config.set(scheduler="threads")
rng = np.random.default_rng(0)
k = rng.permutation(np.arange(rows, dtype=np.int64) % keys)
v = rng.integers(-100, 100, rows, dtype=np.int64)
df = dd.from_pandas(pd.DataFrame({"k": k, "v": v}), npartitions=partitions).persist()

out = {}
for name, n in (("tree", 1), ("split", split_out)):
    def query():
        return df.groupby("k").v.sum(split_out=n).persist()
    query()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = query()
        times.append(time.perf_counter() - start)
    out[name] = statistics.median(times)
    out[name + "-groups"] = int(len(result))
print(json.dumps(out))
