"""N concurrent waits of MS milliseconds with asyncio (Overlap's fibers model).

Prints one JSON object: the time asyncio.run() took, the part above one wait,
and the resident memory per waiting task (sampled while every task waits).
Standard library only.
"""
import asyncio
import json
import sys
import time

from common import rss_kib


async def main(n, ms):
    probe = {}

    async def sample():
        # Runs after every task has started its wait: all n are waiting.
        await asyncio.sleep(ms / 2000)
        probe["rss_kib"] = rss_kib()

    await asyncio.gather(sample(), *(asyncio.sleep(ms / 1000) for _ in range(n)))
    return probe


if __name__ == "__main__":
    n, ms = int(sys.argv[1]), float(sys.argv[2])
    before = rss_kib()
    t0 = time.perf_counter()
    probe = asyncio.run(main(n, ms))
    total = (time.perf_counter() - t0) * 1000
    print(json.dumps({"tasks": n, "wait_ms": ms, "total_ms": total, "above_ms": total - ms,
                      "kib_per_task": (probe["rss_kib"] - before) / n}))
