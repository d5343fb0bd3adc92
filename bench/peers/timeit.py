#!/usr/bin/env python3
"""Runs a command as one whole process and writes what it cost, like /usr/bin/time but to the
microsecond: GNU time counts wall time in steps of 10 ms, too coarse for a 15 ms lint.

usage: timeit.py OUTFILE COMMAND...
OUTFILE gets one line: "wall_seconds peak_rss_kb user_seconds system_seconds" (the CPU times
and peak memory of the command and everything it waited for). Exits with the command's status.
"""
import os
import resource
import subprocess
import sys
import time

out, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
status = subprocess.call(command)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, 'w') as f:
    f.write(f'{wall:.6f} {usage.ru_maxrss} {usage.ru_utime:.6f} {usage.ru_stime:.6f}\n')
sys.exit(status if status >= 0 else 128 - status)
