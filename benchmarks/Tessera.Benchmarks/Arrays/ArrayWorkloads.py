"""NumPy's and dask's side of the array comparisons (run by ArraySideBySide.cs).

Usage: ArrayWorkloads.py WORKLOAD N REPEATS
Prints lines "system workload seconds checksum" (median seconds of REPEATS runs).
Inputs are made once and persisted (dask) so only the computation is timed, as on the
Tessera side.
"""
import statistics
import sys
import time

import dask
import dask.array as da
import numpy as np

workload, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
dask.config.set(scheduler="threads", num_workers=2)


def timed(fn):
    fn()  # warm-up
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def report(system, seconds, checksum):
    print(system, workload, repr(seconds), repr(float(checksum)), flush=True)


rng = np.random.default_rng(0)
if workload == "w1":
    x = rng.random(n)
    y = rng.random(n)
    s, r = timed(lambda: np.sin(x) ** 2 + np.cos(y) ** 2 * 3 - x * y)
    report("numpy", s, r.sum())
    dx = da.from_array(x, chunks=max(1, n // 10)).persist()
    dy = da.from_array(y, chunks=max(1, n // 10)).persist()
    s, r = timed(lambda: (da.sin(dx) ** 2 + da.cos(dy) ** 2 * 3 - dx * dy).compute())
    report("dask", s, r.sum())
elif workload == "w2":
    rows, cols = n, n // 2
    x = rng.random((rows, cols))
    chunk = max(1, n // 10)
    dx = da.from_array(x, chunks=(chunk, chunk)).persist()
    s, r = timed(lambda: dx.sum().compute())
    report("dask-sum", s, r)
    s, r = timed(lambda: dx.mean(axis=0).compute())
    report("dask-mean0", s, r.sum())
    s, r = timed(lambda: dx.std(axis=1).compute())
    report("dask-std1", s, r.sum())
    s, r = timed(lambda: x.sum())
    report("numpy-sum", s, r)
    s, r = timed(lambda: x.mean(axis=0))
    report("numpy-mean0", s, r.sum())
    s, r = timed(lambda: x.std(axis=1))
    report("numpy-std1", s, r.sum())
elif workload in ("w4-f32", "w4-f64"):
    dtype = np.float32 if workload == "w4-f32" else np.float64
    a = rng.random((n, n)).astype(dtype)
    b = rng.random((n, n)).astype(dtype)
    s, r = timed(lambda: a @ b)
    report("numpy", s, r.sum(dtype=np.float64))
    chunk = max(1, n // 4)
    dxa = da.from_array(a, chunks=(chunk, chunk)).persist()
    dxb = da.from_array(b, chunks=(chunk, chunk)).persist()
    s, r = timed(lambda: (dxa @ dxb).compute())
    report("dask", s, r.sum(dtype=np.float64))
elif workload == "w5":
    # In-memory input, not persisted: dask's from_array blocks are slices (views) of x, as
    # Tessera's FromArray blocks are views of its array.
    rows, cols = n, n * 5 // 4
    x = rng.random((rows, cols))
    dx = da.from_array(x, chunks=(max(1, rows // 10), cols))
    s, r = timed(lambda: dx.sum().compute())
    report("dask-sum", s, r)
    s, r = timed(lambda: dx.mean().compute())
    report("dask-mean", s, r)
    # Column chunks: dask's blocks are strided slices of x, as Tessera's are strided views.
    dc = da.from_array(x, chunks=(rows, max(1, cols // 10)))
    s, r = timed(lambda: dc.sum().compute())
    report("dask-sumc", s, r)
    s, r = timed(lambda: dc.mean().compute())
    report("dask-meanc", s, r)
    s, r = timed(lambda: dc.sum(axis=0).compute())
    report("dask-sum0c", s, r.sum())
    one = da.from_array(x, chunks=(rows, cols))
    s, r = timed(lambda: one.sum().compute(scheduler="synchronous"))
    report("dask-sum1", s, r)
    s, r = timed(lambda: one.mean().compute(scheduler="synchronous"))
    report("dask-mean1", s, r)
    s, r = timed(lambda: x.sum())
    report("numpy-sum", s, r)
    report("numpy-sum1", s, r)
    s, r = timed(lambda: x.sum(axis=0))
    report("numpy-sum0", s, r.sum())
    s, r = timed(lambda: x.mean())
    report("numpy-mean", s, r)
    report("numpy-mean1", s, r)
else:
    sys.exit(f"unknown workload {workload}")
