"""Shared by the Python peers: the workload reader and the timing protocol (see ../README.md).

Workload file: int32 little-endian; header MAGIC VERSION stacks layers in_h in_w in_c FIELDS,
then stacks*layers*FIELDS ints (op kh kw sh sw dh dw ph pw c per layer, stack 0 layer 0 first).
"""
import argparse
import struct
import sys
import time

MAGIC = 0x4C574652
FIELDS = 10
OP_CONV, OP_SEPCONV, OP_MAXPOOL = 0, 2, 3


def read_header(data, path):
    if len(data) < 32:
        sys.exit(f"{path}: not a workload file (too short)")
    magic, version, stacks, layers, in_h, in_w, in_c, fields = struct.unpack_from("<8i", data, 0)
    if magic != MAGIC or version != 1 or fields != FIELDS:
        sys.exit(f"{path}: not a version-1 workload file")
    if len(data) != 32 + 4 * stacks * layers * FIELDS:
        sys.exit(f"{path}: size {len(data)} does not match stacks={stacks} layers={layers}")
    return stacks, layers, in_h, in_w, in_c


def parse_args(description, passes=7, seconds=2.0, warmup=0.5):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("file")
    p.add_argument("--warmup", type=float, default=warmup, help="seconds of untimed passes (at least one pass)")
    p.add_argument("--passes", type=int, default=passes, help="at least this many timed passes")
    p.add_argument("--seconds", type=float, default=seconds, help="and at least this many seconds of them")
    return p.parse_args()


def run(name, stacks, layers, one_pass, args):
    """Warm up, time passes until both minimums are met, print the RESULT line with the median."""
    checksum = one_pass()
    end = time.perf_counter() + args.warmup
    while time.perf_counter() < end:
        if one_pass() != checksum:
            sys.exit("checksum changed between passes")
    times = []
    start = time.perf_counter()
    cpu_start = time.process_time_ns()
    while len(times) < args.passes or time.perf_counter() - start < args.seconds:
        t0 = time.perf_counter_ns()
        s = one_pass()
        t1 = time.perf_counter_ns()
        if s != checksum:
            sys.exit("checksum changed between passes")
        times.append(t1 - t0)
    n = len(times)
    cpu = (time.process_time_ns() - cpu_start) // n
    print(f"RESULT name={name} checksum={checksum} stacks={stacks} layers={layers} passes={n} "
          f"median_pass_ns={median(times)} mean_cpu_ns={cpu}", flush=True)


def median(values):
    """The median of integer nanoseconds (the mean of the two middle values for an even count)."""
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) // 2
