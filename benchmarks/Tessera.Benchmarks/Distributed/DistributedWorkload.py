"""dask.distributed's side of the distributed comparison (run by DistributedSideBySide.cs).

A LocalCluster of 2 worker processes with 1 thread each, as Tessera's. Prints one line per
workload: <workload> <tasks> <median seconds> <check value> <distributed version>
"""
import statistics
import sys
import time
from operator import add

import dask.array as da
import distributed
from distributed import Client, LocalCluster


def inc(x):
    return x + 1


def tree(n):
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


def median_time(repeats, run):
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


if __name__ == "__main__":
    futures, chunks, chunk, tree_n, repeats = map(int, sys.argv[1:6])
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    client.gather(client.map(inc, range(100)))  # warm up
    version = distributed.__version__

    def submit_gather():
        fs = [client.submit(inc, i, pure=False) for i in range(futures)]
        return sum(client.gather(fs))

    seconds, value = median_time(repeats, submit_gather)
    print("futures", futures, seconds, value, version, flush=True)

    x = da.arange(chunks * chunk, chunks=chunk, dtype=float)
    seconds, value = median_time(repeats, lambda: x.sum().compute())
    print("array-sum", chunks, seconds, value, version, flush=True)

    if tree_n > 0:
        dsk, top = tree(tree_n)
        seconds, value = median_time(1, lambda: client.get(dsk, top))
        print("tree", len(dsk), seconds, value, version, flush=True)

    client.close()
    cluster.close()
