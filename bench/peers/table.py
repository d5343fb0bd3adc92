#!/usr/bin/env python3
"""Prints the benchmark table (Markdown) from the results of bench/peers/run.sh.

usage: table.py [--extra EXTRA.tsv] RESULTS.tsv...
Several results files (from runs with --keep) are merged: the last row for a tool and an input
wins, so a later run can fill in or redo a few rows. Ratios compare each peer with the sayso row
for the same input.
"""
import argparse

parser = argparse.ArgumentParser()
parser.add_argument('--extra')
parser.add_argument('results', nargs='+')
args = parser.parse_args()
merged = {}
for path in args.results:
    for line in open(path):
        if line.strip():
            row = line.rstrip('\n').split('\t')
            merged[(row[0], row[1])] = row
tool_order = ['sayso', 'write-good', 'alex', 'textlint', 'harper.js', 'proselint']
rows = sorted(merged.values(), key=lambda r: tool_order.index(r[0]) if r[0] in tool_order else 99)
order = ['10kb', '1mb', '10mb', '1000-files']
names = {'10kb': '10 KB summary', '1mb': '1 MB prose', '10mb': '10 MB prose', '1000-files': '1,000 small files'}
sayso = {r[1]: float(r[3]) for r in rows if r[0] == 'sayso' and r[6] == 'ok'}
sayso_cpu = {r[1]: float(r[8]) for r in rows if r[0] == 'sayso' and r[6] == 'ok' and r[8]}


def rate(x):
    return f'{x:.3g}' if x < 100 else f'{x:.0f}'


print('| tool | input | wall s | CPU s | MB/s | peak MB | findings | wall time vs sayso | CPU time vs sayso |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|')
fastest = {}
for input in order:
    for tool, inp, size, wall, mem, findings, status, runs, cpu in [r for r in rows if r[1] == input]:
        size, wall = int(size), float(wall or 0)
        mb = size / 1e6
        peak = f'{int(mem) / 1024:.0f}' if mem else '–'
        cpu_s = (f'{float(cpu):.3f}' if float(cpu) < 1 else f'{float(cpu):.2f}') if cpu and status == 'ok' else (f'>{float(cpu):.0f}' if cpu else '–')
        if status == 'timeout':
            wall_s, speed, findings = f'timeout >{wall:.0f}', '<' + rate(mb / wall), '–'
        elif status == 'failed':
            wall_s, speed, findings = 'failed', '–', '–'
        else:
            wall_s, speed = (f'{wall:.3f}' if wall < 1 else f'{wall:.2f}'), rate(mb / wall)
        base = sayso.get(input)
        if tool == 'sayso':
            ratio = '1×' if status == 'ok' else '–'
        elif base and status == 'ok':
            ratio = f'{wall / base:.1f}× slower' if wall >= base else f'{base / wall:.1f}× faster'
        elif base and status == 'timeout':
            ratio = f'>{wall / base:.0f}× slower'
        else:
            ratio = '–'
        base_cpu = sayso_cpu.get(input)
        if tool == 'sayso':
            cpu_ratio = '1×' if status == 'ok' else '–'
        elif base_cpu and status == 'ok' and cpu:
            cpu_ratio = f'{float(cpu) / base_cpu:.1f}×'
        elif base_cpu and status == 'timeout' and cpu:
            cpu_ratio = f'>{float(cpu) / base_cpu:.0f}×'
        else:
            cpu_ratio = '–'
        if tool != 'sayso' and status in ('ok', 'timeout'):
            if input not in fastest or wall < fastest[input][1]:
                fastest[input] = (tool, wall, status)
        print(f'| {tool} | {names[input]} | {wall_s} | {cpu_s} | {speed} | {peak} | {findings} | {ratio} | {cpu_ratio} |')
print()
targets = {'10kb': 5, '1mb': 20, '10mb': 20, '1000-files': None}
for input in order:
    if input in sayso and input in fastest:
        tool, wall, status = fastest[input]
        ratio = wall / sayso[input]
        sign = '>' if status == 'timeout' else ''
        goal = targets[input]
        verdict = '' if goal is None else (f' (target ≥{goal}×: ' + ('met' if ratio >= goal else 'MISSED') + ')')
        cpu_note = ''
        peer_cpu = [r[8] for r in rows if r[0] == tool and r[1] == input and r[6] == 'ok' and r[8]]
        if peer_cpu and sayso_cpu.get(input):
            cpu_note = f'; in CPU time {float(peer_cpu[0]) / sayso_cpu[input]:.1f}×'
        print(f'- {names[input]}: sayso is {sign}{ratio:.1f}× faster than the fastest peer ({tool}) in wall time'
              f'{cpu_note}{verdict}')
for line in (open(args.extra) if args.extra else []):
    parts = line.rstrip('\n').split('\t')
    if parts[0].startswith('single core'):
        size = int(parts[1])
        wall, mem, user, sys_ = parts[2].split()
        wall, cpu = float(wall), float(user) + float(sys_)
        print(f'- {parts[0]}: {size / 1e6:.1f} MB in {wall:.2f} s wall ({cpu:.2f} s CPU) = '
              f'{size / 1e6 / wall:.2f} MB/s, peak {int(mem) / 1024:.0f} MB')
    else:
        label, best, median, cpu, n = parts
        print(f'- {label}: best {float(best):.3f} s, median {float(median):.3f} s wall '
              f'(median CPU {float(cpu):.3f} s) of {n} runs')
