"""Process pools (Overlap's processes model) with a chosen start method.

  waits START N MS      N waits of MS ms on a pool of N processes, timed from
                        before the pool exists to the last result (start-up included)
  latency START N       one task at a time through a pool of 1: submit, result,
                        N times after a warm-up; microseconds per round trip
  throughput START N W  N empty tasks through a pool of W (Executor.map,
                        chunksize 1) after a warm-up; microseconds per task
  cpu START JOBS W MS    JOBS CPU jobs of about MS ms each (a loop whose
                        iterations per ms are measured first), one after
                        another in this process, then on a pool of W (its
                        start-up included); the speedup is sequential time /
                        pool time

START is fork, spawn or forkserver. Prints one JSON object. Standard library only.
"""
import json
import multiprocessing as mp
import sys
import time
from concurrent.futures import ProcessPoolExecutor


def noop(_=None):
    return None


def burn(iters):
    x = 0
    for i in range(iters):
        x = (x * 31 + i) & 0xFFFFFFFF
    return x


def waits(ctx, n, ms):
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
        list(pool.map(time.sleep, [ms / 1000] * n))
    total = (time.perf_counter() - t0) * 1000
    return {"tasks": n, "wait_ms": ms, "total_ms": total, "above_ms": total - ms}


def latency(ctx, n):
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        for _ in range(50):
            pool.submit(noop).result()
        t0 = time.perf_counter()
        for _ in range(n):
            pool.submit(noop).result()
        total = time.perf_counter() - t0
    return {"round_trips": n, "us_per_round_trip": total * 1e6 / n}


def throughput(ctx, n, workers):
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        list(pool.map(noop, range(4 * workers)))
        t0 = time.perf_counter()
        list(pool.map(noop, range(n)))
        total = time.perf_counter() - t0
    return {"tasks": n, "workers": workers, "us_per_task": total * 1e6 / n}


def iterations_for(ms):
    n = 100_000
    while True:
        t0 = time.perf_counter()
        burn(n)
        took = time.perf_counter() - t0
        if took > 0.05:
            return max(1, int(n * ms / 1000 / took))
        n *= 2


def cpu(ctx, jobs, workers, ms):
    iters = iterations_for(ms)
    t0 = time.perf_counter()
    for _ in range(jobs):
        burn(iters)
    seq = time.perf_counter() - t0
    t0 = time.perf_counter()  # the pool's start-up counts, as in Overlap's makespan
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        list(pool.map(burn, [iters] * jobs))
    par = time.perf_counter() - t0
    return {"jobs": jobs, "workers": workers, "iterations": iters, "sequential_ms": seq * 1000, "pool_ms": par * 1000,
            "speedup": seq / par}


if __name__ == "__main__":
    what, start = sys.argv[1], sys.argv[2]
    args = [float(a) if "." in a else int(a) for a in sys.argv[3:]]
    ctx = mp.get_context(start)
    result = {"waits": waits, "latency": latency, "throughput": throughput, "cpu": cpu}[what](ctx, *args)
    result["start_method"] = start
    print(json.dumps(result))
