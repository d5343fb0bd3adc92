#!/usr/bin/env python3
"""Runs a command as one whole process and writes what it cost, like /usr/bin/time but to the
microsecond: GNU time counts wall and CPU time in steps of 10 ms, too coarse for a 15 ms lint.

usage: timeit.py OUTFILE COMMAND...
OUTFILE gets one line: "wall_seconds peak_rss_kb user_seconds system_seconds". Peak memory still
comes from GNU time, which the command runs under (a child forked from Python would count
Python's own memory as its peak); the times come from wait4, so they include GNU time's own
start, well under a millisecond. Exits with the command's status.
"""
import os
import subprocess
import sys
import tempfile
import time

if len(sys.argv) < 3 or sys.argv[1].startswith('-'):
    sys.exit(__doc__)  # a mistyped call must not leave a file called "--help" behind
out, command = sys.argv[1], sys.argv[2:]
with tempfile.NamedTemporaryFile('r', suffix='.time') as peak:
    started = time.perf_counter()
    child = subprocess.Popen(['/usr/bin/time', '-f', '%M', '-o', peak.name, *command])
    _, raw_status, usage = os.wait4(child.pid, 0)  # this command's usage, with what it waited for
    wall = time.perf_counter() - started
    lines = [line for line in peak.read().split() if line.isdigit()]
status = os.waitstatus_to_exitcode(raw_status)
with open(out, 'w') as f:
    f.write(f'{wall:.6f} {lines[-1] if lines else 0} {usage.ru_utime:.6f} {usage.ru_stime:.6f}\n')
sys.exit(status if status >= 0 else 128 - status)
