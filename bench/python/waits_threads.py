"""N threads each waiting MS milliseconds (Overlap's threads model, one thread per task).

--pool uses concurrent.futures.ThreadPoolExecutor(max_workers=N) instead of
threading.Thread. Prints one JSON object. Standard library only.
"""
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def run_threads(n, ms):
    threads = [threading.Thread(target=time.sleep, args=(ms / 1000,)) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def run_pool(n, ms):
    with ThreadPoolExecutor(max_workers=n) as pool:
        for f in [pool.submit(time.sleep, ms / 1000) for _ in range(n)]:
            f.result()


if __name__ == "__main__":
    n, ms = int(sys.argv[1]), float(sys.argv[2])
    pool = "--pool" in sys.argv
    t0 = time.perf_counter()
    (run_pool if pool else run_threads)(n, ms)
    total = (time.perf_counter() - t0) * 1000
    print(json.dumps({"api": "ThreadPoolExecutor" if pool else "threading.Thread", "tasks": n,
                      "wait_ms": ms, "total_ms": total, "above_ms": total - ms}))
