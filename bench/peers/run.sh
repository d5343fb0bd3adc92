#!/usr/bin/env bash
# Benchmarks sayso against the linters a user might pick instead, on the same files, whole process:
# textlint (write-good, alex and sentence-length rules), harper.js, alex, write-good (npm, pinned in
# bench/peers/package-lock.json) and proselint (Debian's python3-proselint).
#
# usage: bash bench/peers/run.sh [--quick] [--sayso PATH] [--tools LIST] [--inputs LIST]
#                                [--timeout SECONDS] [--keep]
#   --quick          only the 10 KB and 1 MB files (the 10 MB file and the 1,000 files take long)
#   --tools LIST     comma-separated subset of: sayso,write-good,alex,textlint,harper.js,proselint
#   --inputs LIST    comma-separated subset of: 10kb,1mb,10mb,1000-files
#   --timeout S      stop a run after S seconds and report "timeout" (default 300)
#   --runs N         at most N runs per measurement, the best counts (default 10)
#   --keep           keep the inputs and every tool's output (the folder is printed)
# The sayso binary defaults to build-release/sayso, else build/sayso.
#
# Prints one table (Markdown): tool, input, wall s, MB/s, peak MB, findings, and time as a ratio
# to sayso on the same input; then sayso's cold start and single-core throughput.
# Each measurement is the best of up to 10 runs (--runs), repeated only while the runs so far took
# < 20 s; times come from bench/peers/timeit.py, to the microsecond.
# Installs what is missing: Debian's `time` and `python3-proselint`, and the npm peers (npm ci).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

quick=0 keep=0 timeout_s=300 max_runs=10 sayso=
tools=sayso,write-good,alex,textlint,harper.js,proselint
inputs=
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --keep) keep=1 ;;
    --sayso) sayso=$2; shift ;;
    --tools) tools=$2; shift ;;
    --inputs) inputs=$2; shift ;;
    --timeout) timeout_s=$2; shift ;;
    --runs) max_runs=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [[ -z $inputs ]]; then
  if ((quick)); then inputs=10kb,1mb; else inputs=10kb,1mb,10mb,1000-files; fi
fi
if [[ -z $sayso ]]; then
  if [[ -x $repo/build-release/sayso ]]; then sayso=$repo/build-release/sayso; else sayso=$repo/build/sayso; fi
fi
[[ -x $sayso ]] || { echo "run.sh: no sayso binary at $sayso (build it, or give --sayso PATH)" >&2; exit 2; }
sayso=$(cd "$(dirname "$sayso")" && pwd)/$(basename "$sayso")
[[ ,$tools, == *,sayso,* ]] || tools=sayso,$tools   # ratios need sayso

# --- What is missing ---------------------------------------------------------------------------
need_deb=()
[[ -x /usr/bin/time ]] || need_deb+=(time)
if [[ ,$tools, == *,proselint,* ]] && ! command -v proselint >/dev/null; then need_deb+=(python3-proselint); fi
if ((${#need_deb[@]})); then
  echo "Installing Debian packages: ${need_deb[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_deb[@]}" >/dev/null
fi
if [[ ! -f $here/node_modules/.package-lock.json || $here/package-lock.json -nt $here/node_modules/.package-lock.json ]]; then
  echo "Installing the npm peers (npm ci in bench/peers)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
bin=$here/node_modules/.bin

# --- Inputs ------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/sayso-bench.XXXXXX")
if ((keep)); then echo "inputs and outputs kept in $work (results.tsv, extra.tsv: see table.py)" >&2; else trap 'rm -rf "$work"' EXIT; fi
python3 "$here/make_inputs.py" "$repo" "$work/in"
declare -A input_files=(
  [10kb]="$work/in/summary-10k.md"
  [1mb]="$work/in/prose-1mb.md"
  [10mb]="$work/in/prose-10mb.md"
)
small_files=("$work"/in/small/*.md)

files_of() {  # the arguments for an input
  if [[ $1 == 1000-files ]]; then printf '%s\n' "${small_files[@]}"; else echo "${input_files[$1]}"; fi
}
bytes_of() {
  if [[ $1 == 1000-files ]]; then cat "${small_files[@]}" | wc -c; else stat -c %s "${input_files[$1]}"; fi
}

# --- Tools: command lines and how to count their findings -------------------------------------
tool_command() {  # sets cmd to the command line of a tool (the files follow)
  case $1 in
    sayso) cmd=(env "XDG_CACHE_HOME=$sayso_cache" "$sayso" check --format json --fail-on never) ;;
    write-good) cmd=("$bin/write-good" --parse) ;;
    alex) cmd=("$bin/alex") ;;
    textlint) cmd=("$bin/textlint" --config "$here/.textlintrc.json" --format json) ;;
    harper.js) cmd=(node "$here/harper.mjs") ;;
    proselint) cmd=(env "XDG_CACHE_HOME=$(mktemp -d "$work/proselint-cache.XXXXXX")" proselint) ;;  # no cache from earlier runs
    *) echo "run.sh: unknown tool $1" >&2; exit 2 ;;
  esac
}

count_findings() {  # tool, stdout file, stderr file -> a number (or "?" when the output is not understood)
  python3 - "$@" <<'PY'
import json, re, sys
tool, out, err = sys.argv[1:4]
text = open(out, encoding='utf-8', errors='replace').read()
errtext = open(err, encoding='utf-8', errors='replace').read()
try:
    if tool == 'sayso':
        doc = json.loads(text)
        bad = [f['path'] for f in doc['files'] if f['status'] != 'ok']
        if bad:
            print(f'error: sayso did not lint {bad[0]}')
            sys.exit(0)
        n = doc['summary']['diagnostics']
    elif tool == 'textlint':
        n = sum(len(f['messages']) for f in json.loads(text))
    elif tool == 'alex':  # vfile-reporter on stderr: "  1:31-1:38  warning  message  rule  source"
        n = len(re.findall(r'^\s+\d+:\d+(?:-\d+:\d+)?\s+(?:warning|error)\s', errtext, re.M))
    elif tool in ('write-good', 'proselint'):  # path:line:column:message / path:line:column: check message
        n = len(re.findall(r'^.+:\d+:\d+:', text, re.M))
    elif tool == 'harper.js':  # path:start-end: message; harper.mjs ends with its own count
        n = len(re.findall(r'^.+:\d+-\d+: ', text, re.M))
        if f'harper.js: {n} findings' not in errtext:
            raise ValueError('harper.mjs did not finish')
    print(n)
except (ValueError, KeyError, TypeError):
    print('?')
PY
}

results=$work/results.tsv
: > "$results"
measure() {  # tool input
  local tool=$1 input=$2
  local -a files; mapfile -t files < <(files_of "$input")
  local best= best_mem= best_cpu= findings= status=ok runs=0 spent=0
  while ((runs < max_runs)) && awk -v s="$spent" 'BEGIN { exit !(s < 20) }'; do
    local out=$work/$tool.$input.out err=$work/$tool.$input.err tf=$work/time.txt rc=0
    local -a cmd; tool_command "$tool"
    (cd "$work" && python3 "$here/timeit.py" "$tf" timeout "$timeout_s" "${cmd[@]}" "${files[@]}" \
       >"$out" 2>"$err") || rc=$?
    runs=$((runs + 1))
    read -r wall mem user sys < <(grep -E '^[0-9.]+ [0-9]+ [0-9.]+ [0-9.]+$' "$tf" | tail -1)
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    if ((rc == 124)); then status=timeout; best=$timeout_s; best_mem=$mem; best_cpu=$cpu; break; fi
    findings=$(count_findings "$tool" "$out" "$err")
    # 0 and 1 are the usual "clean" and "found something"; write-good --parse exits -1 (255).
    if ((rc > 1)) && ! [[ $tool == write-good && $rc == 255 ]]; then findings="exit status $rc"; fi
    if [[ $findings == error:* || $findings == exit* || $findings == '?' ]]; then
      status=failed
      echo "$tool on $input: could not read its output (exit $rc); see $err" >&2
      head -c 600 "$err" >&2 || true
      break
    fi
    spent=$(awk -v a="$spent" -v b="$wall" 'BEGIN { print a + b }')
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall best_mem=$mem best_cpu=$cpu; fi
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$input" "$(bytes_of "$input")" "$best" "$best_mem" \
    "${findings:-}" "$status" "$runs" "${best_cpu:-}" >> "$results"
  printf '  %-10s %-10s %8ss  %s\n' "$tool" "$input" "$best" "$status" >&2
}

# sayso keeps its parsed rules and spelling word set in $XDG_CACHE_HOME/sayso, built by its first
# run on a machine (about 2 s): build them once here, as any earlier use would have, so that every
# measured run starts with the cache a user has. The cold start without it is measured below.
sayso_cache=$work/sayso-cache
env "XDG_CACHE_HOME=$sayso_cache" "$sayso" check --fail-on never "${input_files[10kb]}" >/dev/null 2>&1 || true
echo "sayso: $sayso ($("$sayso" --version)); load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
IFS=, read -r -a input_list <<<"$inputs"
IFS=, read -r -a tool_list <<<"$tools"
for input in "${input_list[@]}"; do
  [[ $input == 1000-files || -n ${input_files[$input]:-} ]] || { echo "run.sh: unknown input $input" >&2; exit 2; }
  for tool in "${tool_list[@]}"; do measure "$tool" "$input"; done
done

# --- sayso alone: cold start and single-core throughput -------------------------------------------
extra=$work/extra.tsv
: > "$extra"
times_of() {  # label, runs, command...: best and median wall time (and CPU time) of whole-process runs
  local label=$1 n=$2; shift 2
  for ((i = 0; i < n; i++)); do
    if python3 "$here/timeit.py" "$work/t1" "$@" >/dev/null 2>&1; then tail -1 "$work/t1"; fi
  done | awk '{ print $1, $3 + $4 }' | sort -n | awk -v label="$label" \
    '{ w[NR] = $1; c[NR] = $2 } END { m = int((NR + 1) / 2); if (NR) printf "%s\t%s\t%s\t%s\t%s\n", label, w[1], w[m], c[m], NR }' >> "$extra"
}
: > "$work/empty.md"
times_of "cold start: sayso check, 10 KB summary" 9 env "XDG_CACHE_HOME=$sayso_cache" "$sayso" check --fail-on never "${input_files[10kb]}"
times_of "cold start without the cache (--no-cache), 10 KB summary" 9 "$sayso" check --no-cache --fail-on never "${input_files[10kb]}"
times_of "fixed cost: sayso check, empty file" 9 env "XDG_CACHE_HOME=$sayso_cache" "$sayso" check --fail-on never "$work/empty.md"
single=${input_files[1mb]}
[[ ,$inputs, == *,10mb,* ]] && single=${input_files[10mb]}
if python3 "$here/timeit.py" "$work/t1" taskset -c 0 env "XDG_CACHE_HOME=$sayso_cache" "$sayso" check --format json --fail-on never "$single" >/dev/null; then
  printf 'single core (taskset -c 0), full default rules\t%s\t%s\n' "$(stat -c %s "$single")" "$(tail -1 "$work/t1")" >> "$extra"
else
  echo "run.sh: sayso failed on $single (the single-core run)" >&2
fi

# --- The table -----------------------------------------------------------------------------------
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
python3 "$here/table.py" --extra "$extra" "$results"
