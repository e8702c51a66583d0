#!/usr/bin/env bash
## Runs the rota engine on the Mankowska et al. (2014) benchmark, checks every
## solution with the independent evaluator of crates/rota-bench/tests/mankowska
## (feasibility, and its cost against the binary's `objective`), and prints a
## markdown table against the best-known values of bks.csv.
##
## usage: scripts/bench-mankowska.sh [options] [SETS...]
##
##   SETS            set letters, e.g. `A`, `B C`, `BCDE` (default: every set of
##                   the benchmark folder: A B C D E bundled, A to G with
##                   MANKOWSKA_DIR pointing at the full set)
##   --seconds S     seconds per instance for every set (default per set, as in
##                   the issue: A 1 s, B–E 30 s, F–G 60 s)
##   --seeds LIST    seeds, e.g. `1`, `1,2,3`, `1-3` (default 1)
##   --instances L   instance numbers within each set, e.g. `1-3` (default all)
##   --out DIR       keep solutions, manifest and report in DIR (default: a new
##                   temporary directory, printed at the end)
##   --keep-going    do not stop at a run that fails the check
##
## The benchmark folder is $MANKOWSKA_DIR, by default the sets A to E bundled in
## crates/rota-bench/data/mankowska (sets F and G are not: point MANKOWSKA_DIR
## at a folder of all 49 instances, laid out the same way, to run them). Runs
## go one at a time. The binaries are copied to DIR/bin after the build, so a
## rebuild elsewhere cannot swap them mid-run.
set -euo pipefail

command_line="$0 $*"
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bench=${MANKOWSKA_DIR:-$repo/crates/rota-bench/data/mankowska}
bench=$(cd "$bench" && pwd)

seconds="" seeds="1" instances="" out="" keep_going=0 sets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --seeds) seeds=$2; shift 2 ;;
        --instances) instances=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --keep-going) keep_going=1; shift ;;
        -h|--help) sed -n 's/^## \{0,1\}//p' "$0"; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) for ((i = 0; i < ${#1}; i++)); do sets+=("${1:i:1}"); done; shift ;;
    esac
done
# The first instance file of a set, from bks.csv.
first_file() {
    awk -F, -v set="$1" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["set"] == set { print $c["file"]; exit }' "$bench/bks.csv"
}
if [ ${#sets[@]} -eq 0 ]; then
    for set in A B C D E F G; do
        [ -f "$bench/$(first_file "$set")" ] && sets+=("$set")
    done
fi
for set in "${sets[@]}"; do
    file=$(first_file "$set")
    [ -n "$file" ] && [ -f "$bench/$file" ] || {
        echo "set $set is not in $bench; point MANKOWSKA_DIR at the full benchmark set" >&2
        exit 2
    }
done

# `1,3-5` -> `1 3 4 5`
expand() {
    local part out=()
    for part in ${1//,/ }; do
        if [[ $part == *-* ]]; then out+=($(seq "${part%-*}" "${part#*-}")); else out+=("$part"); fi
    done
    echo "${out[@]}"
}
seed_list=$(expand "$seeds")
instance_list=$([ -n "$instances" ] && expand "$instances" || echo "")

default_seconds() {
    case "$1" in
        A) echo 1 ;;
        B|C|D|E) echo 30 ;;
        F|G) echo 60 ;;
        *) echo "unknown set $1" >&2; exit 2 ;;
    esac
}

out=${out:-$(mktemp -d "${TMPDIR:-/tmp}/bench-mankowska.XXXXXX")}
mkdir -p "$out/bin" "$out/solutions"
out=$(cd "$out" && pwd)

echo "building (release)..." >&2
cargo build --release --quiet -p rota-bench --bin rota-bench
cp target/release/rota-bench "$out/bin/rota-bench"
eval_exe=$(cargo test --release -p rota-bench --test mankowska --no-run 2>&1 |
    sed -n 's/.*Executable tests\/mankowska.rs (\(.*\))$/\1/p' | tail -n 1)
[ -n "$eval_exe" ] || { echo "could not build the evaluator (crates/rota-bench/tests/mankowska.rs)" >&2; exit 1; }
cp "$eval_exe" "$out/bin/mankowska-eval"

manifest=$out/runs.tsv
: >"$manifest"
failed=0
for set in "${sets[@]}"; do
    secs=${seconds:-$(default_seconds "$set")}
    # id, file, bks of the set's rows in bks.csv
    rows=$(awk -F, -v set="$set" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["set"] == set { print $c["instance"], $c["file"], $c["bks"] }' "$bench/bks.csv")
    [ -n "$rows" ] || { echo "no instances of set $set in bks.csv" >&2; exit 2; }
    while read -r id file bks; do
        if [ -n "$instance_list" ] && ! [[ " $instance_list " == *" ${id#?} "* ]]; then continue; fi
        for seed in $seed_list; do
            sol="$out/solutions/$id-seed$seed.txt"
            json=$("$out/bin/rota-bench" mankowska "$bench/$file" --seconds "$secs" --seed "$seed" --solution "$sol" </dev/null) || {
                echo "$id seed $seed: rota-bench failed" >&2
                failed=1
                [ $keep_going = 1 ] && continue || break 3
            }
            line=$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$id" "$seed" "$secs" "$bench/$file" "$sol" "$json")
            printf '%s\n' "$line" >>"$manifest"
            printf '%s\n' "$line" >"$out/last.tsv"
            if check=$(MANKOWSKA_RUNS="$out/last.tsv" "$out/bin/mankowska-eval" --ignored --exact check_runs \
                --nocapture --test-threads 1 2>&1 </dev/null); then
                verdict=$(printf '%s\n' "$check" | sed -n "s/.*check: \($id seed $seed .*\)/\1/p" | head -n 1)
                ours=$(printf '%s\n' "$json" | sed -n 's/.*"objective": \([0-9.]*\).*/\1/p')
                gap=$(awk -v o="$ours" -v b="$bks" 'BEGIN { printf "%+.2f", (int(o * 10 + 0.5) / 10 - b) / b * 100 }')
                echo "$verdict; bks $bks, gap $gap %" >&2
            else
                echo "CHECK FAILED for $id seed $seed:" >&2
                printf '%s\n' "$check" | grep -v '^$' >&2
                failed=1
                [ $keep_going = 1 ] || break 3
            fi
        done
    done <<<"$rows"
done

report=$out/report.md
{
    echo "Command: \`$command_line\` (sets ${sets[*]}, seeds $seed_list${seconds:+, $seconds s per run})"
    echo
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(
        [ -n "$(git status --porcelain 2>/dev/null)" ] && echo ' (with local changes)'); $(nproc) cores, $(
        sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
} >"$report.head"
MANKOWSKA_DIR="$bench" MANKOWSKA_RUNS="$manifest" MANKOWSKA_REPORT="$report.body" \
    "$out/bin/mankowska-eval" --ignored --exact report_runs --test-threads 1 >/dev/null 2>&1 || failed=1
cat "$report.head" "$report.body" >"$report" 2>/dev/null || true
rm -f "$report.head" "$report.body" "$out/last.tsv"
cat "$report"
echo "solutions, manifest and report in $out" >&2
exit $failed
