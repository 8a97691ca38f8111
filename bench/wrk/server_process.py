"""What the wrk benchmarks share about the processes they run: waiting for one to answer, stopping it,
the CPU each of its threads took, the machine's load average, a gauge of the server's metrics and
waiting for its apply backlog to empty."""
import glob
import re
import subprocess
import sys
import time
import urllib.request


def await_up(url, method="GET", seconds=60):
    """Returns once `url` answers; exits with a message if it does not within `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=b"" if method == "POST" else None), timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    sys.exit(f"{url} did not answer within {seconds} s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def thread_ticks(pid):
    """Each thread's name and CPU ticks, user and system, by its stat file."""
    ticks = {}
    for stat in glob.glob(f"/proc/{pid}/task/*/stat"):
        try:
            with open(stat) as f:
                text = f.read()
        except OSError:
            continue  # the thread ended
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        ticks[stat] = (name, int(fields[11]), int(fields[12]))
    return ticks


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def await_applied(base, seconds=300):
    """Seconds until the server's apply backlog gauge reads 0."""
    start = time.time()
    while time.time() - start < seconds:
        metrics = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
        backlog = gauge(metrics, "pulse_store_apply_backlog_records")
        if backlog != backlog or backlog == 0:  # NaN: no such gauge (not the DuckDB store)
            return time.time() - start
        time.sleep(0.05)
    sys.exit(f"the apply backlog did not empty within {seconds} s")


def await_folded(base, token, seconds=600):
    """Seconds until the rollups hold every acknowledged record: one API read, which refreshes them before it
    answers, so that the next run does not share the CPU with folding the previous run's records."""
    start = time.time()
    request = urllib.request.Request(base + "/api/v1/active-installs", headers={"Authorization": "Bearer " + token})
    urllib.request.urlopen(request, timeout=seconds).read()
    return time.time() - start


def gauge(metrics, name):
    """A gauge's value in Prometheus text, or NaN if it is not there."""
    m = re.search(r"^" + name + r" ([\d.eE+]+)", metrics, re.M)
    return float(m.group(1)) if m else float("nan")
