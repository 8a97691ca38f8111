#!/usr/bin/env python3
"""Durable ingest at a fixed rate, in steady state: where a request's latency goes (docs/performance.md).

Starts a Pulse server on a fresh data dir and sends it the network mapper's 100-event batch with wrk2
(fixed rate, latency counted from when each request was due) at one rate: first for a warm-up (80 s by
default, past the server's first retention run at one minute), then for the measured run. It prints
wrk2's percentiles beside the server's own histograms over the measured run only (scraped from
/metrics before and after it): the endpoint's latency, from the handler's start to the answer, and
the group commit's (journal write and fdatasync). What wrk2 sees beyond the endpoint's latency is time
spent before the handler ran or after it answered: waiting for a CPU, mostly. Then the CPU each of
the server's threads took during the run, in cores.

wrk2 is not packaged: build it from github.com/giltene/wrk2 with `make`.

At a rate the server sustains, the backlog of records acknowledged and not yet applied stays small
while it runs; the script prints it as the run ends, and how long applying it took.

Usage (from the repository root, after `mvn -B -pl cli -am package -DskipTests`):
  bench/wrk/half-load.py --wrk2 PATH [--rate 150000] [--seconds 120] [--warm-up 80] [--read PATH] [--jar JAR]
      [--jvm-option OPT]...
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from server_process import await_applied, await_up, gauge, load_average, stop, thread_ticks

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "cli", "target", "pulse.jar")
TOKEN = "half-load-bench-token"
LUA = os.path.join(ROOT, "bench", "wrk", "post-batch.lua")
BATCH = os.path.join(ROOT, "bench", "src", "main", "resources", "dev", "pulse", "bench", "mapper-full-batch.json")
HISTOGRAMS = ("pulse_ingest_request_duration_seconds", "pulse_store_commit_duration_seconds")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wrk2", required=True, help="the wrk2 binary")
    parser.add_argument("--rate", type=int, default=150_000, help="events/s (100 a request)")
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--warm-up", type=int, default=80)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--jvm-option", action="append", default=[], help="passed to the server's java")
    parser.add_argument("--port", type=int, default=18190)
    parser.add_argument("--read", metavar="PATH",
                        help="during the measured run, GET this API path (e.g. /api/v1/active-installs) every"
                             " 2 s and print how long each took: a read first waits for what was acknowledged")
    parser.add_argument("--jar", default=JAR, help="the pulse jar to run (default: this tree's)")
    args = parser.parse_args()
    if not os.access(args.wrk2, os.X_OK):
        sys.exit(f"{args.wrk2} is not an executable wrk2 (build it from github.com/giltene/wrk2 with make)")
    if not os.path.exists(args.jar):
        sys.exit(f"no {args.jar}: build it first (mvn -B -pl cli -am package -DskipTests)")
    tmp = tempfile.mkdtemp(prefix="pulse-half-load-")
    base = f"http://127.0.0.1:{args.port}"
    with open(os.path.join(tmp, "pulse.log"), "w") as log:
        server = subprocess.Popen(
            ["java", *args.jvm_option, "-jar", args.jar, "serve", "--host", "127.0.0.1", "--port", str(args.port),
             "--data-dir", os.path.join(tmp, "data"), "--admin-token", TOKEN],
            stdout=log, stderr=subprocess.STDOUT)
    try:
        await_up(base + "/readyz")
        print("load average before:", load_average(), flush=True)
        wrk2(args, base, args.warm_up)
        before, cpu_before = metrics(base), thread_ticks(server.pid)
        reads = Reads(base + args.read) if args.read else None
        out = wrk2(args, base, args.seconds)
        read_seconds = reads.stop() if reads else []
        after, cpu_after = metrics(base), thread_ticks(server.pid)
        backlog = gauge(after, "pulse_store_apply_backlog_records")
        applied_after = await_applied(base)
        print("load average after:", load_average())
    finally:
        stop(server)
        shutil.rmtree(tmp, ignore_errors=True)
    report(args, out, before, after, cpu_before, cpu_after)
    print(f"\nbacklog when the run ended: {backlog:,.0f} records, applied {applied_after:.1f} s later")
    if read_seconds:
        print(f"GET {args.read}, every 2 s during the run: {len(read_seconds)} reads, seconds each: "
              + ", ".join(f"{t:.2f}" for t in read_seconds)
              + f"; median {statistics.median(read_seconds):.2f}, longest {max(read_seconds):.2f}")


class Reads:
    """A thread that reads one API path every 2 s until stopped, timing each read; a read that fails
    counts as failed, with its reason, instead of ending the thread."""

    def __init__(self, url):
        self.url, self.seconds, self.failed, self.done = url, [], [], threading.Event()
        self.thread = threading.Thread(target=self.run)
        self.thread.start()

    def run(self):
        request = urllib.request.Request(self.url, headers={"Authorization": "Bearer " + TOKEN})
        while not self.done.wait(2):
            start = time.monotonic()
            try:
                urllib.request.urlopen(request, timeout=120).read()
            except OSError as e:  # urllib's HTTPError and URLError, a timeout
                self.failed.append(str(e))
                continue
            self.seconds.append(time.monotonic() - start)

    def stop(self):
        self.done.set()
        self.thread.join()
        for reason in self.failed:
            print(f"a read failed: {reason}")
        return self.seconds


def wrk2(args, base, seconds):
    rate = args.rate / 100
    run = subprocess.run(
        [args.wrk2, "-t1", f"-c{args.connections}", f"-d{seconds}s", f"-R{rate:.0f}", "--latency",
         "-s", LUA, base + "/telemetry/query", "--", BATCH], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"wrk2 failed (exit {run.returncode}): {run.stderr.strip()}")
    return run.stdout


def report(args, out, before, after, cpu_before, cpu_after):
    sent = re.search(r"Requests/sec:\s+([\d.]+)", out)
    print(f"\n{args.rate:,} events/s asked, {float(sent.group(1)) * 100:,.0f} sent, {args.seconds} s, "
          f"{args.connections} connections" + (f", JVM options {' '.join(args.jvm_option)}" if args.jvm_option else ""))
    scale = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}
    client = {float(m.group(1)): float(m.group(2)) * scale[m.group(3)]
              for m in re.finditer(r"^\s+([\d.]+)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    print("\n| | p50 | p90 | p99 | p99.9 |\n|---|---:|---:|---:|---:|")
    print("| wrk2, from when due (ms) | " + " | ".join(
        f"{client.get(p, float('nan')):.1f}" for p in (50.0, 90.0, 99.0, 99.9)) + " |")
    for name in HISTOGRAMS:
        print(f"| `{name}`, at most (ms) | " + " | ".join(
            f"{bound(before, after, name, q):.1f}" for q in (0.5, 0.9, 0.99, 0.999)) + " |")
    ticks = os.sysconf("SC_CLK_TCK")
    cores = {}
    for tid, (name, user, system) in cpu_after.items():
        _, user_before, system_before = cpu_before.get(tid, (name, 0, 0))
        group = re.sub(r"[-#]?\d+$", "", name)
        cores[group] = cores.get(group, 0) + (user + system - user_before - system_before) / ticks / args.seconds
    print("\nCPU by thread (cores): " + ", ".join(
        f"{name} {used:.2f}" for name, used in sorted(cores.items(), key=lambda c: -c[1]) if used >= 0.005))


def bound(before, after, name, quantile):
    """The smallest histogram bucket bound holding the quantile of what the run added, in ms."""
    old, new = buckets(before, name), buckets(after, name)
    total = new.get("+Inf", 0) - old.get("+Inf", 0)
    for le in sorted((le for le in new if le != "+Inf"), key=float):
        if total and (new[le] - old.get(le, 0)) / total >= quantile:
            return float(le) * 1000
    return float("inf")


def buckets(text, name):
    return {m.group(1): float(m.group(2)) for m in re.finditer(name + r'_bucket\{le="([^"]+)",?\} ([\d.eE+]+)', text)}


def metrics(base):
    return urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()


if __name__ == "__main__":
    main()
