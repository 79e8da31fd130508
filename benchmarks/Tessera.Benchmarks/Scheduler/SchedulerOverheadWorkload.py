"""dask's side of the scheduler-overhead comparison (run by SchedulerOverhead.cs).

The same graph shape as Tessera's: n independent increments summed by a binary tree of
adds, run with dask's threaded scheduler. Prints one line per size:
    dask <n> <tasks> <median seconds> <result>
"""
import statistics
import sys
import time
from operator import add

import dask
from dask.threaded import get


def inc(x):
    return x + 1


def build(n):
    dsk = {("inc", i): (inc, i) for i in range(n)}
    level = [("inc", i) for i in range(n)]
    depth = 0
    while len(level) > 1:
        depth += 1
        nxt = []
        for j in range(0, len(level), 2):
            if j + 1 < len(level):
                key = ("add", depth, j // 2)
                dsk[key] = (add, level[j], level[j + 1])
                nxt.append(key)
            else:
                nxt.append(level[j])
        level = nxt
    return dsk, level[0]


workers = int(sys.argv[1])
repeats = int(sys.argv[2])
for n in map(int, sys.argv[3:]):
    dsk, top = build(n)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = get(dsk, top, num_workers=workers)
        times.append(time.perf_counter() - start)
    print("dask", n, len(dsk), statistics.median(times), result, dask.__version__, flush=True)
