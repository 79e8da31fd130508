"""The timeseries side-by-side's peer: dask.dataframe 2022.12 (threads) on dask.datasets.timeseries.

Usage: TimeseriesWorkloads.py DAYS REPEATS
The frame (1-second rows, a partition per day) is generated and persisted once; each query then
persists its result. Prints one JSON object: median seconds per query and the row counts.
"""
import json
import statistics
import sys
import time

import dask
import dask.dataframe as dd

days, repeats = int(sys.argv[1]), int(sys.argv[2])
dask.config.set(scheduler="threads")
import pandas as pd

df = dask.datasets.timeseries(start="2000-01-01", end=pd.Timestamp("2000-01-01") + pd.Timedelta(days=days),
                              freq="1s", partition_freq="1d", seed=0).persist()
num = df[["id", "x", "y"]]

queries = {
    "set-index": lambda: df.reset_index().set_index("x").persist(),
    "resample": lambda: num.resample("1h").mean().compute(),
    "rolling": lambda: num.rolling("1min").mean().persist(),
}
out = {"rows": int(len(df))}
for name, query in queries.items():
    query()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = query()
        times.append(time.perf_counter() - start)
    out[name] = statistics.median(times)
    out[name + "-rows"] = int(len(result))
print(json.dumps(out))
