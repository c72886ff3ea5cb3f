#!/usr/bin/env python3
"""Process time of a command: runs it RUNS times (after one warm-up run) with its output thrown
away and prints the median user + system CPU milliseconds, from the kernel's accounting of the
finished process (wait4), so Python's own start-up is not counted.

Usage: proctime.py RUNS COMMAND [ARG ...]      prints: MEDIAN_MS MIN_MS MAX_MS"""
import os
import statistics
import subprocess
import sys

runs = int(sys.argv[1])
command = sys.argv[2:]
times = []
for index in range(runs + 1):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    if index > 0:
        times.append((usage.ru_utime + usage.ru_stime) * 1000)
print(f"{statistics.median(times):.2f} {min(times):.2f} {max(times):.2f}")
