"""NumPy's and dask's side of the TSQR comparison (run by TsqrSideBySide.cs).

Usage: TsqrWorkloads.py ROWS COLUMNS BLOCK_ROWS REPEATS
Prints lines "system qr seconds checksum" (median seconds of REPEATS runs after a warm-up);
the checksum is sum(|diag(R)|), which does not depend on the factors' signs. The input is
made once (and persisted for dask) so only the factorization is timed, as on the Tessera side.
"""
import statistics
import sys
import time

import dask
import dask.array as da
import numpy as np

rows, cols, block, repeats = (int(a) for a in sys.argv[1:5])
dask.config.set(scheduler="threads", num_workers=2)
x = np.random.default_rng(1).uniform(size=(rows, cols))


def timed(fn):
    fn()  # warm-up
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def numpy_qr():
    return np.linalg.qr(x)


seconds, (q, r) = timed(numpy_qr)
print("numpy qr", seconds, float(np.abs(np.diag(r)).sum()))

dx = da.from_array(x, chunks=(block, cols)).persist()


def dask_qr():
    q, r = da.linalg.qr(dx)
    return dask.compute(q, r)


seconds, (q, r) = timed(dask_qr)
print("dask qr", seconds, float(np.abs(np.diag(r)).sum()))
