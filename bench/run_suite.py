#!/usr/bin/env python3
"""Overlap's benchmark suite: Overlap against Python and against the floor.

Runs the micro benchmarks (Google Benchmark programs in build/…/bench) and
the macro workloads: Overlap's command line and the equivalent Python 3
programs in bench/python (standard library only), on the same workloads,
interleaved (Overlap, Python, Overlap, Python …), and bare programs that
measure the floor (thread creation, a pipe ping-pong, bare Boost fibers).
Each figure is reported as median, min and max over the repetitions, with
the ratio per pair, against the targets of the performance issue.

  bench/run_suite.py [--build build/dev] [--reps 5] [--out docs/performance.md]
  bench/run_suite.py --quick      small sizes, one repetition, a few seconds:
                                  checks that everything builds and runs;
                                  says nothing about speed and fails only if
                                  a program fails or prints no figures.

The full run takes a few minutes on two cores and needs an idle machine.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYDIR = ROOT / "bench" / "python"

FULL = dict(fiber_tasks=100_000, fiber_ms=100, threads=1000, thread_ms=100, pool=10, pool_ms=1000,
            round_trips=2000, empty_tasks=10_000, cpu_jobs=8, cpu_ms=500, gil_s=3.0,
            trace_mib=256, reps=5)
QUICK = dict(fiber_tasks=2000, fiber_ms=20, threads=50, thread_ms=20, pool=2, pool_ms=50,
             round_trips=100, empty_tasks=300, cpu_jobs=4, cpu_ms=20, gil_s=0.3,
             trace_mib=2, reps=1)
START_METHODS = ("fork", "forkserver", "spawn")


class SuiteError(RuntimeError):
    pass


# ---------------------------------------------------------------- running

def run(cmd, env=None, parse_json=True):
    """Runs cmd; returns (its output, parsed as JSON unless told otherwise, and wall seconds)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, text=True)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SuiteError(f"{shlex.join(str(c) for c in cmd)} exited {proc.returncode}:\n{err.strip()}")
    if not parse_json:
        return out, wall
    try:
        return json.loads(out), wall
    except json.JSONDecodeError as e:
        raise SuiteError(f"{shlex.join(str(c) for c in cmd)} printed no JSON ({e}):\n{out[:500]}")


def peak_rss_kib(cmd):
    """Runs cmd alone and returns its peak RSS (KiB) and parsed JSON."""
    proc = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SuiteError(f"{shlex.join(str(c) for c in cmd)} exited {proc.returncode}")
    return usage.ru_maxrss, json.loads(out)


class Suite:
    def __init__(self, build, sizes, work, quick):
        self.build = Path(build)
        self.s = sizes
        self.quick = quick
        self.work = Path(work)
        self.overlap = self.build / "app" / "overlap"
        self.bench = self.build / "bench"
        self.samples = {}   # key -> list of values (one per repetition)
        self.commands = {}  # key -> a command that produced it
        for exe in (self.overlap, self.bench / "bare_threads", self.bench / "pipe_pingpong",
                    self.bench / "bare_fibers"):
            if not exe.exists():
                raise SuiteError(f"{exe} is missing: build first (cmake --build --preset dev)")

    def add(self, key, value, cmd=None):
        self.samples.setdefault(key, []).append(value)
        if cmd is not None and key not in self.commands:
            self.commands[key] = shlex.join(str(c) for c in cmd)

    # Scenario files for Overlap's command line.
    def scenario(self, name, model, workers, tasks, gil=False, interval_ms=5):
        doc = {"format": "overlap-scenario", "version": 1, "name": name,
               "run": {"model": model, "workers": workers, "gil": gil, "switch_interval_ms": interval_ms},
               "tasks": tasks}
        path = self.work / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}.overlap.json"
        path.write_text(json.dumps(doc))
        return path

    def overlap_run(self, path, *extra):
        cmd = [self.overlap, "run", path, "--json", *extra]
        out, _ = run(cmd)
        return out["runs"][0], cmd

    def python(self, script, *args):
        cmd = [sys.executable, PYDIR / script, *args]
        out, _ = run(cmd)
        return out, cmd

    # ------------------------------------------------------------ workloads

    def waits_fibers(self):
        n, ms = self.s["fiber_tasks"], self.s["fiber_ms"]
        many = self.scenario(f"{n} waits", "fibers", 0, [{"name": "wait", "count": n, "steps": [{"io": ms}]}])
        one = self.scenario("1 wait", "fibers", 0, [{"name": "wait", "steps": [{"io": ms}]}])
        cmd = [self.overlap, "run", many, "--json"]
        rss, out = peak_rss_kib(cmd)
        base, _ = peak_rss_kib([self.overlap, "run", one, "--json"])
        r = out["runs"][0]
        self.add("fibers.above_ms", r["makespan_ms"] - ms, cmd)
        self.add("fibers.kib_per_task", (rss - base) / n, cmd)

        cmd = [sys.executable, PYDIR / "waits_asyncio.py", n, ms]
        rss, out = peak_rss_kib(cmd)
        base, _ = peak_rss_kib([sys.executable, PYDIR / "waits_asyncio.py", 1, ms])
        self.add("asyncio.above_ms", out["above_ms"], cmd)
        self.add("asyncio.kib_per_task", (rss - base) / n, cmd)
        self.add("asyncio.kib_per_task_waiting", out["kib_per_task"], cmd)

        cmd = [self.bench / "bare_fibers", n, ms]
        out, _ = run(cmd)
        self.add("bare_fibers.above_ms", out["above_ms"], cmd)
        self.add("bare_fibers.kib_per_fiber_waiting", out["kib_per_fiber"], cmd)
        self.add("bare_fibers.pool_cold_above_ms", out["pool_cold_above_ms"], cmd)
        self.add("bare_fibers.resident_above_ms", out["resident_above_ms"], cmd)
        self.add("page_touch_us", out["page_touch_us"], cmd)

    def waits_threads(self):
        n, ms = self.s["threads"], self.s["thread_ms"]
        path = self.scenario(f"{n} threads", "threads", 0, [{"name": "wait", "count": n, "steps": [{"io": ms}]}])
        r, cmd = self.overlap_run(path)
        self.add("threads.above_ms", r["makespan_ms"] - ms, cmd)
        self.add("threads.startup_ms", r["startup_ms"], cmd)
        out, cmd = self.python("waits_threads.py", n, ms)
        self.add("threading.above_ms", out["above_ms"], cmd)
        out, cmd = self.python("waits_threads.py", n, ms, "--pool")
        self.add("threadpool.above_ms", out["above_ms"], cmd)
        cmd = [self.bench / "bare_threads", n, ms]
        out, _ = run(cmd)
        self.add("bare_threads.above_ms", out["above_ms"], cmd)

    def pool_waits(self):
        p, ms = self.s["pool"], self.s["pool_ms"]
        path = self.scenario(f"{p} process waits", "processes", p,
                             [{"name": "wait", "count": p, "steps": [{"io": ms}]}])
        r, cmd = self.overlap_run(path)
        self.add("processes.waits_above_ms", r["makespan_ms"] - ms, cmd)
        self.add("processes.startup_ms", r["startup_ms"], cmd)
        for m in START_METHODS:
            out, cmd = self.python("process_pool.py", "waits", m, p, ms)
            self.add(f"pool_{m}.waits_above_ms", out["above_ms"], cmd)

    def round_trip(self):
        n = self.s["round_trips"]
        path = self.scenario(f"{n} round trips", "processes", 1, [{"name": "noop", "count": n, "steps": [{"cpu": 0}]}])
        r, cmd = self.overlap_run(path)
        self.add("processes.round_trip_us", (r["makespan_ms"] - r["startup_ms"]) * 1000 / n, cmd)
        for m in START_METHODS:
            out, cmd = self.python("process_pool.py", "latency", m, n)
            self.add(f"pool_{m}.round_trip_us", out["us_per_round_trip"], cmd)
        # The floor the target names: the two processes on different cores.
        cmd = [self.bench / "pipe_pingpong", 20 * n, "--cross-core"]
        out, _ = run(cmd)
        self.add("pipe_pingpong.round_trip_us", out["us_per_round_trip"], cmd)
        cmd = [self.bench / "pipe_pingpong", 20 * n]
        out, _ = run(cmd)
        self.add("pipe_pingpong_unpinned.round_trip_us", out["us_per_round_trip"], cmd)

    def throughput(self):
        n = self.s["empty_tasks"]
        path = self.scenario(f"{n} empty tasks", "processes", 2, [{"name": "noop", "count": n, "steps": [{"cpu": 0}]}])
        r, cmd = self.overlap_run(path)
        self.add("processes.us_per_task", (r["makespan_ms"] - r["startup_ms"]) * 1000 / n, cmd)
        for m in START_METHODS:
            out, cmd = self.python("process_pool.py", "throughput", m, n, 2)
            self.add(f"pool_{m}.us_per_task", out["us_per_task"], cmd)

    def cpu_jobs(self):
        j, ms = self.s["cpu_jobs"], self.s["cpu_ms"]
        path = self.scenario(f"{j} cpu jobs", "processes", 2, [{"name": "job", "count": j, "steps": [{"cpu": ms}]}])
        seq, cmd_seq = self.overlap_run(path, "--model", "sequential")
        par, cmd = self.overlap_run(path, "--model", "processes", "--workers", "2")
        self.add("processes.cpu_speedup", seq["makespan_ms"] / par["makespan_ms"], cmd)
        self.add("sequential.cpu_makespan_ms", seq["makespan_ms"], cmd_seq)
        self.add("processes.cpu_makespan_ms", par["makespan_ms"], cmd)
        out, cmd = self.python("process_pool.py", "cpu", "fork", j, 2, float(ms))
        self.add("pool_fork.cpu_speedup", out["speedup"], cmd)

    def gil_hold(self):
        s = self.s["gil_s"]
        path = self.scenario("gil hold", "threads", 2, [{"name": "spin", "count": 2, "steps": [{"cpu": s * 1000}]}],
                             gil=True)
        trace = self.work / "gil-hold.trace.json"
        _, cmd = self.overlap_run(path, "--trace", trace)
        self.add("gil.hold_median_ms", statistics.median(gil_holds(trace)), cmd)
        out, cmd = self.python("gil.py", "hold", s, 5)
        self.add("cpython.hold_median_ms", out["median_ms"], cmd)

    def gil_io(self):
        s = self.s["gil_s"]
        wakes = max(10, int(s * 1000 / 6.5))
        path = self.scenario("gil io", "threads", 2, [
            {"name": "spin", "steps": [{"cpu": s * 1000 + 300}]},
            {"name": "io", "steps": [{"io": 1}] * wakes}], gil=True)
        csv_path = self.work / "gil-io.csv"
        _, cmd = self.overlap_run(path, "--csv", csv_path)
        self.add("gil.io_extra_ms", statistics.median(io_extra_ms(csv_path)), cmd)
        out, cmd = self.python("gil.py", "io", s, 5)
        self.add("cpython.io_extra_ms", out["median_ms"], cmd)

    # -------------------------------------------------------- micro benchmarks

    def gbench(self, exe, *args, quick_time="0.01"):
        cmd = [self.bench / exe, "--benchmark_format=json", *args]
        if self.quick:
            cmd.append(f"--benchmark_min_time={quick_time}")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        out, _ = run(cmd, env=env)
        return {b["name"]: b for b in out["benchmarks"]}, cmd

    def micro(self):
        b, cmd = self.gbench("engine_bench", "--benchmark_filter=BM_RecordEvent|BM_EngineToGui|BM_FiberSwitch|BM_OffCpuTracking",
                             f"--benchmark_repetitions={1 if self.quick else 3}")
        self.add("micro.record_event_ns", median_of(b, "BM_RecordEvent", "real_time"), cmd)
        self.add("micro.offcpu_tracking_pct", median_of(b, "BM_OffCpuTracking", "overhead_pct"), cmd)
        self.add("micro.engine_to_gui_mevents_s", median_of(b, "BM_EngineToGui/2/", "items_per_second") / 1e6, cmd)
        if any(k.startswith("BM_FiberSwitch") for k in b):
            self.add("micro.fiber_switch_ns", median_of(b, "BM_FiberSwitch", "real_time"), cmd)
        if (self.bench / "protocol_bench").exists():
            b, cmd = self.gbench("protocol_bench")
            for name, row in b.items():
                if row.get("run_type") == "aggregate":
                    continue
                if "bytes_per_second" in row:
                    self.add(f"micro.protocol.{name}.mb_s", row["bytes_per_second"] / 1e6, cmd)
                if "items_per_second" in row:
                    self.add(f"micro.protocol.{name}.mitems_s", row["items_per_second"] / 1e6, cmd)
        b, cmd = self.gbench("gantt_bench", f"--benchmark_repetitions={1 if self.quick else 5}")
        for level in range(4):
            self.add(f"micro.paint_ms.{level}", median_of(b, f"paintFrame/{level}", "real_time"), cmd)
        self.trace_import()

    def trace_import(self):
        mib = self.s["trace_mib"]
        path = self.work / f"generated-{mib}mib.json"
        run([self.bench / "traceimport_bench", "generate", path, mib], parse_json=False)
        cmd = [self.bench / "traceimport_bench", "import", path]
        out, _ = run(cmd, parse_json=False)
        speed = re.search(r"\(([\d.]+) MB/s", out)
        ratio = re.search(r"= ([\d.]+) x the file", out)
        if not speed or not ratio:
            raise SuiteError(f"traceimport_bench printed no figures:\n{out}")
        self.add("import.mb_s", float(speed.group(1)), cmd)
        self.add("import.peak_ratio", float(ratio.group(1)), cmd)
        self.trace_bytes = path.stat().st_size
        path.unlink()

    def all(self, log):
        workloads = [self.waits_fibers, self.waits_threads, self.pool_waits, self.round_trip, self.throughput,
                     self.cpu_jobs, self.gil_hold, self.gil_io]
        for rep in range(self.s["reps"]):
            for w in workloads:
                log(f"[{rep + 1}/{self.s['reps']}] {w.__name__}")
                w()
        log("micro benchmarks")
        self.micro()


def median_of(benchmarks, prefix, field):
    values = [b[field] for name, b in benchmarks.items()
              if name.startswith(prefix) and b.get("run_type", "iteration") == "iteration"]
    if not values:
        raise SuiteError(f"no benchmark named {prefix}")
    return statistics.median(values)


def gil_holds(trace_path):
    """Uninterrupted GIL holds (ms) in Overlap's trace, without each thread's first and last."""
    doc = json.loads(Path(trace_path).read_text())
    events = doc["traceEvents"] if isinstance(doc, dict) else doc
    per_tid = {}
    for e in events:
        if e.get("ph") == "X" and e.get("cat") == "gil" and e.get("name") != "GIL wait":
            per_tid.setdefault(e["tid"], []).append((e["ts"], e["dur"] / 1000))
    holds = [d for spans in per_tid.values() for _, d in sorted(spans)[1:-1]]
    if not holds:
        raise SuiteError(f"no GIL holds in {trace_path}")
    return holds


def io_extra_ms(csv_path):
    import csv
    with open(csv_path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "io"]
    if not rows:
        raise SuiteError(f"no io steps in {csv_path}")
    return [float(r["wall_ms"]) - float(r["nominal_ms"]) for r in rows[1:]]


# ---------------------------------------------------------------- report

def stats(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kib = 0
    try:
        mem_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except (OSError, AttributeError):
        pass
    os_name = platform.platform()
    try:
        os_name = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)
    except (OSError, AttributeError):
        pass

    def first_line(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0].strip()
        except (OSError, IndexError):
            return "unknown"

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1048576, 1), "os": os_name,
            "kernel": platform.release(), "python": platform.python_version(),
            "compiler": first_line(["c++", "--version"]),
            "commit": first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])}


def fmt(x, digits=None):
    if digits is None:
        digits = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
    return f"{x:,.{digits}f}"


def fig(samples, key, unit=""):
    """'median (min–max)' of a key."""
    st = stats(samples[key])
    if st["n"] == 1:
        return f"{fmt(st['median'])}{unit}"
    return f"{fmt(st['median'])}{unit} ({fmt(st['min'])}–{fmt(st['max'])})"


def ratio(samples, a, b):
    """Median of the per-pair ratios a_i / b_i (pairs ran back to back)."""
    return statistics.median(x / y for x, y in zip(samples[a], samples[b]))


def evaluate(s, sizes):
    """Rows of the issue's table: (workload, python, overlap, target, met, note)."""
    m = lambda k: statistics.median(s[k])  # noqa: E731
    tasks = sizes["fiber_tasks"]
    rows = []
    rows.append(("100,000 concurrent 100 ms waits: time above 100 ms",
                 f"asyncio {fig(s, 'asyncio.above_ms', ' ms')}",
                 f"fibers {fig(s, 'fibers.above_ms', ' ms')}",
                 "≤ 100 ms", m("fibers.above_ms") <= 100,
                 f"Overlap / asyncio {fmt(ratio(s, 'fibers.above_ms', 'asyncio.above_ms'), 2)}; bare "
                 f"Boost.Fiber (nothing recorded) {fig(s, 'bare_fibers.above_ms', ' ms')}"
                 + (". See *Limits* below" if m("fibers.above_ms") > 100 else "")))
    rows.append(("same: memory per waiting task",
                 f"asyncio {fig(s, 'asyncio.kib_per_task', ' KiB')}",
                 f"fibers {fig(s, 'fibers.kib_per_task', ' KiB')}",
                 "≤ 6 KiB resident", m("fibers.kib_per_task") <= 6,
                 "peak RSS of the whole process minus that of a 1-task run, per task; stacks: one "
                 "anonymous mapping, 64 KiB per fiber, touched pages only, returned to the kernel as "
                 f"fibers end; bare Boost.Fiber while waiting {fig(s, 'bare_fibers.kib_per_fiber_waiting', ' KiB')}"))
    floor = m("bare_threads.above_ms")
    rows.append(("1,000 threads each sleeping 100 ms: time above 100 ms",
                 f"threading {fig(s, 'threading.above_ms', ' ms')}; ThreadPoolExecutor "
                 f"{fig(s, 'threadpool.above_ms', ' ms')}",
                 f"threads {fig(s, 'threads.above_ms', ' ms')}",
                 f"≤ 1.2 × bare pthreads ({fmt(floor)} ms) = {fmt(1.2 * floor)} ms",
                 m("threads.above_ms") <= 1.2 * floor,
                 f"bare pthreads {fig(s, 'bare_threads.above_ms', ' ms')}; per pair Overlap / bare "
                 f"{fmt(ratio(s, 'threads.above_ms', 'bare_threads.above_ms'), 2)}"))
    rows.append(("10 × 1 s waits on a pool of 10 processes: time above 1 s",
                 ", ".join(f"{mth} {fig(s, f'pool_{mth}.waits_above_ms', ' ms')}" for mth in START_METHODS),
                 f"processes {fig(s, 'processes.waits_above_ms', ' ms')}",
                 "≤ 25 ms", m("processes.waits_above_ms") <= 25,
                 f"Overlap's start-up of the 10 workers {fig(s, 'processes.startup_ms', ' ms')}"))
    pipe = m("pipe_pingpong.round_trip_us")
    rows.append(("one task sent to a process pool and its result back (latency)",
                 ", ".join(f"{mth} {fig(s, f'pool_{mth}.round_trip_us', ' µs')}" for mth in START_METHODS),
                 f"processes {fig(s, 'processes.round_trip_us', ' µs')}",
                 f"≤ 1.5 × pipe ping-pong across cores ({fmt(pipe)} µs) = {fmt(1.5 * pipe)} µs",
                 m("processes.round_trip_us") <= 1.5 * pipe,
                 f"bare pipe ping-pong with the two processes pinned to different cores "
                 f"{fig(s, 'pipe_pingpong.round_trip_us', ' µs')}, unpinned (the scheduler may put them on "
                 f"one core) {fig(s, 'pipe_pingpong_unpinned.round_trip_us', ' µs')}; Overlap's workers are not "
                 f"pinned. Per task the engine makes 3 system calls and the worker 4 (two of them read the "
                 f"thread's CPU time for the step), against 2 and 2 in the ping-pong"))
    rows.append(("10,000 empty tasks through a 2-process pool (throughput)",
                 ", ".join(f"{mth} {fig(s, f'pool_{mth}.us_per_task', ' µs')}" for mth in START_METHODS),
                 f"processes {fig(s, 'processes.us_per_task', ' µs')}",
                 "≤ 10 µs per task", m("processes.us_per_task") <= 10, ""))
    rows.append(("8 CPU jobs on 2 processes: speedup vs sequential",
                 f"ProcessPoolExecutor (fork) {fig(s, 'pool_fork.cpu_speedup', '×')}",
                 f"processes {fig(s, 'processes.cpu_speedup', '×')}",
                 "≥ 1.95×", m("processes.cpu_speedup") >= 1.95,
                 f"Overlap sequential {fig(s, 'sequential.cpu_makespan_ms', ' ms')}, 2 processes "
                 f"{fig(s, 'processes.cpu_makespan_ms', ' ms')} (start-up included)"))
    r = ratio(s, "gil.hold_median_ms", "cpython.hold_median_ms")
    rows.append(("two CPU-bound threads under the GIL, 5 ms interval: median uninterrupted hold",
                 f"CPython {fig(s, 'cpython.hold_median_ms', ' ms')}",
                 f"emulated GIL {fig(s, 'gil.hold_median_ms', ' ms')}",
                 "within ±20 % of CPython", abs(r - 1) <= 0.2, f"Overlap / CPython per pair {fmt(r, 2)}"))
    r = ratio(s, "gil.io_extra_ms", "cpython.io_extra_ms")
    rows.append(("an I/O thread waking every 1 ms beside a CPU-bound thread: extra latency",
                 f"CPython {fig(s, 'cpython.io_extra_ms', ' ms')}",
                 f"emulated GIL {fig(s, 'gil.io_extra_ms', ' ms')}",
                 "within ±20 % of CPython", abs(r - 1) <= 0.2, f"Overlap / CPython per pair {fmt(r, 2)}"))
    rows.append(("recording one event", "—", f"{fig(s, 'micro.record_event_ns', ' ns')}", "≤ 50 ns",
                 m("micro.record_event_ns") <= 50, "Google Benchmark BM_RecordEvent"))
    rows.append(("finding when a cpu step was off its core: cost of the tracking, in CPU time of the step", "—",
                 f"{fig(s, 'micro.offcpu_tracking_pct', ' %')}", "≤ 2 %",
                 m("micro.offcpu_tracking_pct") <= 2,
                 "Google Benchmark BM_OffCpuTracking: 5 ms steps with and without the tracker, interleaved"))
    worst = max(m(f"micro.paint_ms.{i}") for i in range(4))
    rows.append(("Gantt paint, 1,000,000 segments, any zoom", "—",
                 " / ".join(fmt(m(f"micro.paint_ms.{i}")) for i in range(4)) + " ms",
                 "≤ 16 ms per frame", worst <= 16, "full zoom-out, then three deeper levels; 1920×1080 QImage"))
    rows.append(("trace import", "—",
                 f"{fig(s, 'import.mb_s', ' MB/s')}, peak {fig(s, 'import.peak_ratio', '×')} the file",
                 "≥ 100 MB/s, peak memory ≤ 1.5 × file size",
                 m("import.mb_s") >= 100 and m("import.peak_ratio") <= 1.5, ""))
    return rows


def limits(s, sizes):
    """Paragraphs that explain, from this run's own floors, why a row is not met."""
    m = lambda k: statistics.median(s[k])  # noqa: E731
    out = []
    if m("fibers.above_ms") > 100:
        tasks = sizes["fiber_tasks"]
        pages_ms = 2 * tasks * m("page_touch_us") / 1000
        floor = m("bare_fibers.resident_above_ms") + pages_ms
        out.append(
            f"**{tasks:,} concurrent waits under fibers.** Two floors, both measured in this run by "
            f"`bench/bare_fibers` (bare Boost.Fiber, nothing recorded), add up to Overlap's figure:")
        out.append("")
        out.append(
            f"- *Boost.Fiber's own scheduling.* The same {tasks:,} fibers run a second time in one process, "
            f"on stacks that are already resident, so that no page is faulted in: "
            f"{fig(s, 'bare_fibers.resident_above_ms', ' ms')} above the wait. That alone is over the "
            f"target, with no memory cost and nothing recorded: creating, sleeping, waking and ending a "
            f"fiber costs about {fmt(m('bare_fibers.resident_above_ms') * 1000 / tasks, 2)} µs here.")
        out.append(
            f"- *Fresh memory.* Every waiting fiber needs a stack page of its own, and Boost.Fiber's "
            f"termination touches a second one (the 5 KB frame of its spinlock). A fresh page costs "
            f"{fig(s, 'page_touch_us', ' µs')} on this machine (a virtual machine), "
            f"so two pages per fiber cost {fmt(pages_ms)} ms. The first run of the pool, on fresh "
            f"pages: {fig(s, 'bare_fibers.pool_cold_above_ms', ' ms')}.")
        out.append(
            f"- *Together:* {fmt(floor)} ms; Overlap's fibers take {fig(s, 'fibers.above_ms', ' ms')}, "
            f"every event recorded (Overlap / floor {fmt(m('fibers.above_ms') / floor, 2)}).")
        out.append("")
        out.append(
            "So no runtime that gives each task a Boost.Fiber fiber, as the fibers model is specified to, "
            "can meet this target on this machine. Meeting it would take stackless tasks (a waiting task "
            "keeping a few hundred bytes of state and no stack, as asyncio's coroutines do), which is not "
            "the model Overlap shows.")
    return out


def markdown(suite, rows, info, started, seconds, argv):
    s = suite.samples
    lines = [
        "# Performance",
        "",
        "<!-- Generated by bench/run_suite.py; do not edit by hand. -->",
        "",
        "Overlap against Python 3 (standard library programs in `bench/python/`) and against",
        "bare programs that measure the floor of what the machine can do, in one run of",
        "`bench/run_suite.py`. Every pair ran back to back, Overlap first, repeated "
        f"{suite.s['reps']} times; figures are median (min–max).",
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} cores; {info['memory_gib']} GiB",
        f"- {info['os']}, Linux {info['kernel']}; Python {info['python']}; {info['compiler']}",
        f"- Overlap at commit `{info['commit']}`, build `{suite.build}`",
        f"- Run on {started} in {seconds / 60:.1f} min: `{argv}`",
        f"- Load average before / after: {info['load_before']} / {info['load_after']}",
        "",
        "## Targets",
        "",
        "| workload | Python on this machine | Overlap | target | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, py, ov, target, met, _ in rows:
        lines.append(f"| {name} | {py} | {ov} | {target} | {'yes' if met else '**no**'} |")
    lines += ["", "Notes per row:", ""]
    for name, _, _, _, _, note in rows:
        if note:
            lines.append(f"- *{name}*: {note}.")
    why = limits(s, suite.s)
    if why:
        lines += ["", "## Limits", ""] + why
    lines += ["", "## Every figure", "", "| figure | median | min | max | runs |", "| --- | --- | --- | --- | --- |"]
    for key in sorted(s):
        st = stats(s[key])
        lines.append(f"| `{key}` | {fmt(st['median'])} | {fmt(st['min'])} | {fmt(st['max'])} | {st['n']} |")
    lines += ["", "## Commands", "", "Each figure's first command (scenario files are written by the script):", ""]
    for key in sorted(suite.commands):
        cmd = suite.commands[key].replace(str(suite.work), "$WORK").replace(str(ROOT) + "/", "")
        lines.append(f"- `{key}`: `{cmd}`")
    lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=str(ROOT / "build" / "dev"))
    ap.add_argument("--quick", action="store_true", help="small sizes, one repetition (CI)")
    ap.add_argument("--reps", type=int, help="repetitions (default 5; quick: 1)")
    ap.add_argument("--out", help="write the Markdown report here (e.g. docs/performance.md)")
    ap.add_argument("--json", help="write every sample here")
    args = ap.parse_args()

    sizes = dict(QUICK if args.quick else FULL)
    if args.reps:
        sizes["reps"] = args.reps
    info = machine()
    info["load_before"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    started = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    t0 = time.perf_counter()
    log = lambda msg: print(f"[{time.perf_counter() - t0:6.1f} s] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    try:
        with tempfile.TemporaryDirectory(prefix="overlap-suite-") as work:
            suite = Suite(args.build, sizes, work, args.quick)
            suite.all(log)
            rows = evaluate(suite.samples, suite.s)
            info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
            argv = "bench/run_suite.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
            report = markdown(suite, rows, info, started, time.perf_counter() - t0, argv)
    except SuiteError as e:
        print(f"run_suite: {e}", file=sys.stderr)
        return 1

    for name, py, ov, target, met, _ in rows:
        verdict = "    " if args.quick else "met " if met else "MISS"
        print(f"{verdict}  {name}\n      Overlap: {ov}\n      Python:  {py}\n      target:  {target}")
    if args.quick:
        print("(quick mode: the sizes are small, so these figures are not the workloads named above "
              "and say nothing about the targets)")
    if args.out:
        Path(args.out).write_text(report)
        print(f"wrote {args.out}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "sizes": suite.s, "samples": suite.samples},
                                              indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
