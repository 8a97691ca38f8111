#!/usr/bin/env python3
"""Durable ingest beside the same server's no-op endpoint and beside nginx, in one run (docs/performance.md).

Starts nginx (answering a bare 200 to any POST) and a Pulse server with the no-op endpoint, then drives
each with wrk, one after the other, for two request bodies: the network mapper's batch of 100 events
and the operator's two-event request. After each durable run it waits until the server has applied
everything it acknowledged (its apply backlog gauge reads 0), and reports the sustained rate counting
that wait. Before each body's runs, one API read folds every record so far into the rollups, so that a
body's runs do not share the CPU with refreshes of the previous body's records. During each run it reads the CPU time of every server thread and of wrk from /proc. Finally
a fixed-rate generator sends the 100-event batch at half the sustained rate, for latency counted from
when each request was due: wrk2 (`--wrk2 PATH`; not packaged: build it from github.com/giltene/wrk2
with `make`), which leaves the server most of the CPU, or else the Java fixed-rate generator (wrk 4
has no fixed rate), which takes about a core of its own. Prints one table.

Usage (from the repository root, after `mvn -B -pl cli,bench -am package -DskipTests`):
  bench/wrk/side-by-side.py [--seconds 20] [--connections 64] [--half-seconds 120] [--no-half] [--wrk2 PATH]
      [--half-rate EVENTS_PER_SECOND] [--jar PATH]
Needs wrk, nginx (Debian's nginx-light) and Java 17 on the PATH.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from server_process import await_applied, await_folded, await_up, load_average, stop, thread_ticks

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LUA = os.path.join(ROOT, "bench", "wrk", "post-batch.lua")
BATCH = os.path.join(ROOT, "bench", "src", "main", "resources", "dev", "pulse", "bench", "mapper-full-batch.json")
SMALL = os.path.join(ROOT, "bench", "wrk", "operator-started.json")
TICKS = os.sysconf("SC_CLK_TCK")
TOKEN = "side-by-side-bench-token"

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  client_body_buffer_size 64k;
  client_max_body_size 1m;
  server {{
    listen 127.0.0.1:{port};
    location / {{ return 200; }}
  }}
}}
"""

THREAD_GROUPS = [
    ("HTTP request threads (body, JSON, records)", re.compile(r"^pulse-http|^qtp")),
    ("journal writer (write, fdatasync)", re.compile(r"^pulse-journal-w")),
    ("journal applier (DuckDB appender, commit)", re.compile(r"^pulse-journal-a")),
    ("rollup refresh", re.compile(r"^pulse-rollups")),
    ("GC", re.compile(r"GC|G1|VM Periodic")),
    ("JIT compiler", re.compile(r"C1 Compiler|C2 Compiler|CompilerThre")),
    ("rest (DuckDB's own threads, timers)", re.compile(r".*")),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--half-seconds", type=int, default=120)
    parser.add_argument("--no-half", action="store_true", help="skip the half-load latency run")
    parser.add_argument("--wrk2", help="the wrk2 binary, for the half-load run (else the Java generator)")
    parser.add_argument("--half-rate", type=float,
                        help="events/s of the half-load run (default: half the sustained rate measured)")
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--nginx-port", type=int, default=18099)
    parser.add_argument("--jar", help="the pulse.jar to run (default: cli/target/pulse.jar), to compare builds")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "java"):
        if shutil.which(tool) is None and not os.path.exists("/usr/sbin/" + tool):
            sys.exit(f"{tool} is not installed (apt-get install wrk nginx-light openjdk-17-jdk-headless)")
    jar = args.jar or newest(os.path.join(ROOT, "cli", "target", "pulse.jar"))
    print("load average before:", load_average(), flush=True)
    tmp = tempfile.mkdtemp(prefix="pulse-side-by-side-")
    nginx = start_nginx(tmp, args.nginx_port)
    server = start_pulse(jar, tmp, args.port)
    base = f"http://127.0.0.1:{args.port}"
    nginx_url = f"http://127.0.0.1:{args.nginx_port}/telemetry/query"
    rows = []
    cpu = {}
    try:
        for name, body, events, warm_up in (("100-event batch", BATCH, 100, 30), ("two-event request", SMALL, 2, 15)):
            await_applied(base)
            await_folded(base, TOKEN)  # the previous body's records, folded before this body's runs
            wrk(base + "/telemetry/query", body, args.connections, warm_up)  # the JIT compiles meanwhile
            await_applied(base)
            durable, durable_cpu = measured(base + "/telemetry/query", body, args, server.pid)
            drain = await_applied(base)
            durable["sustained"] = durable["requests"] * events / (durable["seconds"] + drain)
            durable["drain"] = drain
            noop, noop_cpu = measured(base + "/bench/noop", body, args, server.pid)
            proxy, _ = measured(nginx_url, body, args, nginx.pid)
            rows.append((name, events, durable, noop, proxy))
            cpu[name] = (durable, durable_cpu, noop, noop_cpu)
        half = None
        if not args.no_half:
            sustained = 2 * args.half_rate if args.half_rate else rows[0][2]["sustained"]
            half = half_load_wrk2(base, sustained, args) if args.wrk2 else half_load(base, sustained, args)
        print("load average after:", load_average())
    finally:
        stop(server)
        stop(nginx)
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(rows, cpu, half, args)


def newest(pattern):
    paths = glob.glob(pattern)
    if not paths:
        sys.exit(f"no {pattern}: build it first (mvn -B -pl cli,bench -am package -DskipTests)")
    return max(paths, key=os.path.getmtime)




def start_nginx(tmp, port):
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(tmp=tmp, port=port))
    nginx = subprocess.Popen(["nginx", "-p", tmp, "-c", conf], stderr=subprocess.DEVNULL)
    await_up(f"http://127.0.0.1:{port}/", method="POST")
    return nginx


def start_pulse(jar, tmp, port):
    log = open(os.path.join(tmp, "pulse.log"), "w")
    server = subprocess.Popen(
        ["java", "-jar", jar, "serve", "--host", "127.0.0.1", "--port", str(port),
         "--data-dir", os.path.join(tmp, "data"), "--admin-token", TOKEN,
         "--bench-noop-endpoint"],
        stdout=log, stderr=subprocess.STDOUT)
    await_up(f"http://127.0.0.1:{port}/readyz")
    return server






def wrk(url, body, connections, seconds):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", LUA, url, "--", body],
        capture_output=True, text=True, check=True)
    return parse_wrk(out.stdout, out.stderr)


def parse_wrk(out, err):
    requests = int(re.search(r"(\d+) requests in ([\d.]+)(m?s)", out).group(1))
    took = re.search(r"requests in ([\d.]+)(ms|s|m)", out)
    seconds = float(took.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[took.group(2)]
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = {}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)", out, re.M)
        latency[pct] = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return {"requests": requests, "seconds": seconds, "rate": requests / seconds,
            "failed": int(failed.group(1)) if failed else 0, "p50": latency["50"], "p99": latency["99"],
            "errors": err.strip().splitlines()[:3]}


def measured(url, body, args, pid):
    """One wrk run; the CPU time of pid's threads and of wrk over its middle half."""
    wrk_run = subprocess.Popen(
        ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "-s", LUA, url, "--", body],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(args.seconds / 4)
    before, wrk_before, t0 = thread_ticks(pid), process_ticks(wrk_run.pid), time.time()
    time.sleep(args.seconds / 2)
    after, wrk_after, t1 = thread_ticks(pid), process_ticks(wrk_run.pid), time.time()
    out, err = wrk_run.communicate()
    if wrk_run.returncode != 0:
        sys.exit("wrk failed: " + err)
    result = parse_wrk(out, err)
    window = t1 - t0
    split = {}
    for tid, (name, user, system) in after.items():
        u0, s0 = before.get(tid, (name, 0, 0))[1:]
        group = next(label for label, pattern in THREAD_GROUPS if pattern.search(name))
        totals = split.setdefault(group, [0.0, 0.0])
        totals[0] += (user - u0) / TICKS / window
        totals[1] += (system - s0) / TICKS / window
    split["load generator (wrk)"] = [(wrk_after[0] - wrk_before[0]) / TICKS / window,
                                     (wrk_after[1] - wrk_before[1]) / TICKS / window]
    return result, split




def process_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[11]), int(fields[12])


def half_load_wrk2(base, sustained, args):
    """wrk2 at half the sustained rate; its latencies count from when each request was due."""
    rate = sustained / 2 / 100
    out = subprocess.run(
        [args.wrk2, "-t1", f"-c{args.connections}", f"-d{args.half_seconds}s", f"-R{rate:.0f}", "--latency",
         "-s", LUA, base + "/telemetry/query", "--", BATCH],
        capture_output=True, text=True, check=True).stdout
    latency = {}
    for pct in ("50.000", "99.000", "99.900"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)", out, re.M)
        latency[pct] = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    achieved = re.search(r"Requests/sec:\s+([\d.]+)", out)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return (f"wrk2, {rate * 100:,.0f} events/s asked ({float(achieved.group(1)) * 100:,.0f} sent), "
            f"p50 {latency['50.000']:.1f} ms, p99 {latency['99.000']:.1f} ms, p99.9 {latency['99.900']:.1f} ms"
            f" from when due; {int(failed.group(1)) if failed else 0} answers not 2xx")


def half_load(base, sustained, args):
    cp_file = os.path.join(ROOT, "bench", "target", "classpath.txt")
    if not os.path.exists(cp_file):
        subprocess.run(["mvn", "-B", "-q", "-o", "-f", os.path.join(ROOT, "bench", "pom.xml"),
                        "dependency:build-classpath", "-Dmdep.outputFile=" + cp_file], check=True)
    with open(cp_file) as f:
        # This checkout's classes first: the dependency list names the modules' jars in ~/.m2.
        modules = [os.path.join(ROOT, m, "target", "classes") for m in ("bench", "server", "schema", "client")]
        classpath = ":".join(modules) + ":" + f.read().strip()
    out = subprocess.run(
        ["java", "-cp", classpath, "dev.pulse.bench.ingest.IngestBenchmark", "base-url=" + base,
         f"connections={args.connections}", "phases=half", f"full-events-per-second={sustained:.0f}",
         f"half-seconds={args.half_seconds}"],
        capture_output=True, text=True, check=True).stdout
    print(out)
    return out.strip().splitlines()[-1]


def print_table(rows, cpu, half, args):
    print(f"\n{args.connections} connections, {args.seconds} s a run, wrk -t1\n")
    print("| request | durable: acknowledged events/s (req/s), p50 / p99 | applied after | sustained events/s"
          " | no-op events/s, p50 / p99 | nginx events/s, p50 / p99 | durable / no-op | durable / nginx |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, events, durable, noop, proxy in rows:
        print(f"| {name} | {durable['rate'] * events:,.0f} ({durable['rate']:,.0f}), "
              f"{durable['p50']:.1f} / {durable['p99']:.1f} ms | {durable['drain']:.1f} s | "
              f"**{durable['sustained']:,.0f}** | {noop['rate'] * events:,.0f}, {noop['p50']:.1f} / "
              f"{noop['p99']:.1f} ms | {proxy['rate'] * events:,.0f}, {proxy['p50']:.1f} / {proxy['p99']:.1f} ms | "
              f"{durable['rate'] / noop['rate']:.3f} | {durable['rate'] / proxy['rate']:.3f} |")
        for result, label in ((durable, "durable"), (noop, "no-op"), (proxy, "nginx")):
            if result["failed"]:
                print(f"  ({label}: {result['failed']} answers were not 2xx: {result['errors']})")
    for name, (durable, durable_cpu, noop, noop_cpu) in cpu.items():
        print(f"\nCPU by thread, {name}, cores (user + system) and µs a request:\n")
        print("| threads | durable: user | system | µs/request | no-op: user | system | µs/request |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        groups = [label for label, _ in THREAD_GROUPS] + ["load generator (wrk)"]
        for group in groups:
            d = durable_cpu.get(group, [0, 0])
            n = noop_cpu.get(group, [0, 0])
            print(f"| {group} | {d[0]:.2f} | {d[1]:.2f} | {(d[0] + d[1]) * 1e6 / durable['rate']:.0f} | "
                  f"{n[0]:.2f} | {n[1]:.2f} | {(n[0] + n[1]) * 1e6 / noop['rate']:.0f} |")
    if half:
        print("\nhalf load:", half if args.wrk2 else "Java fixed-rate generator, 1,000 installs: " + half)


if __name__ == "__main__":
    main()
