"""dask.bag's side of the bag comparison (run by BagSideBySide.cs), as the dask tutorial writes it.

Usage: BagWorkloads.py SCHEDULER REPEATS FILE...
SCHEDULER is "default" (dask.bag's own: processes) or "threads". Every operation re-reads and
re-parses the files, as in the tutorial. Prints lines "op seconds checksum cpu-seconds" (medians of REPEATS; CPU time of this process and
its finished worker processes, which says more than wall time on a loaded host),
then "peak-rss BYTES" (this process and its worker processes).
"""
import json
import operator
import resource
import statistics
import sys
import time

import dask.bag as db

scheduler, repeats, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
kwargs = {} if scheduler == "default" else {"scheduler": scheduler}


def cpu():
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(name, fn):
    times, cpus, result = [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), cpu()
        result = fn()
        times.append(time.perf_counter() - start)
        cpus.append(cpu() - start_cpu)
    print(name, repr(statistics.median(times)), result, repr(statistics.median(cpus)), flush=True)


def accounts():
    return db.read_text(paths).map(json.loads)


def transaction_sum(total, record):
    return total + sum(t["amount"] for t in record["transactions"])


timed("count-alice", lambda: accounts().filter(lambda r: r["name"] == "Alice").count().compute(**kwargs))
timed("foldby-sum", lambda: sum(v for _, v in accounts().foldby(
    "name", transaction_sum, 0, operator.add, 0).compute(**kwargs)))
timed("top10-names", lambda: accounts().pluck("name").frequencies().topk(10, key=1).compute(**kwargs)[0][1])

own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("peak-rss", (own + children) * 1024, flush=True)
