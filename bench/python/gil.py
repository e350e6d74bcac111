"""CPython's GIL, measured from inside (the reference for Overlap's emulated GIL).

  hold SECONDS INTERVAL_MS     two CPU-bound threads; every uninterrupted stretch
                               one of them runs (holds the GIL) is recorded;
                               prints the median, quartiles and count
  io SECONDS INTERVAL_MS       a thread sleeping 1 ms in a loop beside a CPU-bound
                               thread; the extra latency of each wake-up (time
                               asleep beyond 1 ms, i.e. waiting for the GIL);
                               prints the median and quartiles

A thread notices it lost the GIL when two consecutive reads of the clock are
further apart than GAP_MS: the time in between it was not running. Standard
library only.
"""
import json
import statistics
import sys
import threading
import time

GAP_MS = 0.5


def quartiles(values):
    q = statistics.quantiles(values, n=4)
    return {"median_ms": statistics.median(values), "q1_ms": q[0], "q3_ms": q[2], "count": len(values)}


def spin(until, holds):
    clock = time.perf_counter
    gap = GAP_MS / 1000
    start = last = clock()
    while last < until:
        now = clock()
        if now - last > gap:  # we were stopped in between: a hold ended at `last`
            holds.append((last - start) * 1000)
            start = now
        last = now


def hold(seconds, interval_ms):
    sys.setswitchinterval(interval_ms / 1000)
    until = time.perf_counter() + seconds
    holds = [[], []]
    threads = [threading.Thread(target=spin, args=(until, h)) for h in holds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    values = [v for h in holds for v in h[1:]]  # the first stretch starts at an arbitrary point
    return {"what": "hold", "interval_ms": interval_ms, **quartiles(values)}


def io(seconds, interval_ms):
    sys.setswitchinterval(interval_ms / 1000)
    cpu = threading.Thread(target=lambda: spin(time.perf_counter() + seconds + 0.5, []))
    cpu.start()
    time.sleep(0.05)  # the CPU thread is running
    extra = []
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        t0 = time.perf_counter()
        time.sleep(0.001)
        extra.append((time.perf_counter() - t0) * 1000 - 1.0)
    cpu.join()
    return {"what": "io", "interval_ms": interval_ms, **quartiles(extra)}


if __name__ == "__main__":
    what, seconds, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    print(json.dumps({"hold": hold, "io": io}[what](seconds, interval)))
