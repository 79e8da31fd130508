"""The netCDF side-by-side's Python peer: xarray + dask (threads) on the files Tessera wrote.

Usage: NetCdfWorkloads.py INPUT VARIABLE OUTPUT REPEATS
Times open_dataset(chunks) + climatology (mean over time) + anomalies + to_netcdf, median of
REPEATS after a warm-up, and prints one JSON object: the median seconds, the median seconds with
an fsync of the written file added (Tessera's writer flushes to disk before renaming the file
into place, so that figure is the like-for-like one), and, for the check, the first row of the
anomalies it wrote.
"""
import json
import os
import statistics
import sys
import time

import dask
import numpy as np
import xarray as xr

path, variable, out, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
dask.config.set(scheduler="threads")


def run():
    with xr.open_dataset(path, chunks={"time": 32}) as ds:
        t = ds[variable]
        anomaly = t - t.mean("time")
        anomaly.name = "anomaly"
        anomaly.to_dataset().to_netcdf(out)


def flush():
    with open(out, "rb+") as f:
        os.fsync(f.fileno())


run()
times, durable = [], []
for _ in range(repeats):
    start = time.perf_counter()
    run()
    times.append(time.perf_counter() - start)
    flush()
    durable.append(time.perf_counter() - start)
with xr.open_dataset(out) as ds:
    a = ds.anomaly
    print(json.dumps({"seconds": statistics.median(times), "durable": statistics.median(durable), "dtype": str(a.dtype),
                      "row": [None if np.isnan(v) else float(v) for v in a[0, 0, :].values.tolist()]}))
