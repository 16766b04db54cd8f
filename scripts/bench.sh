#!/usr/bin/env bash
# vigie's benchmark (SPEC §6): on generated corpora of several sizes, side by side on the same
# files, vigie's wall time and peak memory (all cores and --jobs 1), the time to merely read the
# same bytes (cat), and the time of a one-pattern ripgrep count over them; then the ratios, the
# machine's own ceiling for a parallel speed-up (as many --jobs 1 audits at once as there are
# cores), a plain hand-written audit script's time (scripts/plain_audit.py) and how the cost
# grows with size.
#
#   scripts/bench.sh [--sizes 10MB,100MB,500MB,2GB] [--shapes 100MB] [--dir target/bench] [--seed 1]
#                    [--runs 3] [--keep]
#
# --shapes SIZE (none to skip) adds a second table at that size: the same audit on other shapes of
# input, one JSON file per record with one Judilibre JSON file per decision, the reference as
# Judilibre export pages of 1,000 decisions, a DILA XML reference (one file per decision), a
# corpus whose every text has a note inserted and one with accents escaped (with python3), and a
# gzip-compressed corpus, beside the JSON Lines files of the first table.
#
# Sizes are those of the corpus (corpus.jsonl); the generated reference is about as large again,
# and both are counted as input. Corpora are generated once per size and seed and reused (unless
# the generator changed); --keep leaves them on disk afterwards (they are deleted otherwise).
# Every figure is measured on a warm page cache (the files are read once before timing), so cat
# is the floor of reading, not of the disk. Each command runs --runs times and the fastest run is
# kept (with the highest peak memory of all runs), so a passing hiccup of a shared machine does
# not decide a ratio.
set -euo pipefail

SIZES="10MB,100MB,500MB,2GB"
SHAPES="100MB"
WORK="target/bench"
SEED=1
RUNS=3
KEEP=0
AS_OF="2026-11-22T12:00:00Z"

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) SIZES="$2"; shift 2 ;;
        --sizes=*) SIZES="${1#*=}"; shift ;;
        --shapes) SHAPES="$2"; shift 2 ;;
        --shapes=*) SHAPES="${1#*=}"; shift ;;
        --dir) WORK="$2"; shift 2 ;;
        --dir=*) WORK="${1#*=}"; shift ;;
        --seed) SEED="$2"; shift 2 ;;
        --seed=*) SEED="${1#*=}"; shift ;;
        --runs) RUNS="$2"; shift 2 ;;
        --runs=*) RUNS="${1#*=}"; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."

# Tools: GNU time for peak memory, ripgrep for the comparison.
if [[ ! -x /usr/bin/time ]] || ! command -v rg >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
        echo "bench.sh: installing time and ripgrep with apt-get" >&2
        apt-get install -y time ripgrep >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && apt-get install -y time ripgrep >/dev/null 2>&1; } || true
    fi
fi
if ! command -v rg >/dev/null 2>&1; then
    echo "bench.sh: installing ripgrep with cargo install" >&2
    cargo install --quiet ripgrep
    export PATH="$HOME/.cargo/bin:$PATH"
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "bench.sh: GNU time (/usr/bin/time) is needed for peak memory; install the 'time' package" >&2
    exit 2
fi

echo "bench.sh: building release binaries" >&2
cargo build --release --quiet --bin vigie --bin vigie-gen
VIGIE=target/release/vigie
GEN=target/release/vigie-gen
CORES=$(nproc)

# Runs a command under GNU time (/usr/bin/time -v); prints "seconds peak_kib". Exit statuses 0 and 1 are fine (vigie
# exits 1 when it finds breaches; rg -c exits 1 when nothing matches).
measure() {
    local log
    log=$(mktemp)
    local rc=0
    local start end
    start=$(date +%s%N)
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || rc=$?
    end=$(date +%s%N)
    if [[ $rc -gt 1 ]]; then
        echo "bench.sh: '$*' failed with status $rc:" >&2
        tail -n 30 "$log" >&2
        rm -f "$log"
        exit 1
    fi
    # Wall time to the millisecond from the clock around the run (GNU time rounds to 10 ms);
    # peak resident memory from GNU time.
    awk -F': ' -v ns="$((end - start))" '
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %d\n", ns / 1e9, rss }' "$log"
    rm -f "$log"
}

# Runs `measure` RUNS times: the fastest time, the highest peak memory.
best() {
    local t m bt="" bm=0
    for _ in $(seq "$RUNS"); do
        read -r t m < <(measure "$@")
        if [[ -z "$bt" ]] || awk -v a="$t" -v b="$bt" 'BEGIN{exit !(a < b)}'; then bt=$t; fi
        if ((m > bm)); then bm=$m; fi
    done
    echo "$bt $bm"
}

# Wall time of CORES audits with --jobs 1 run at once, each its own process: how much the machine
# itself gains from its cores on this work (shared caches, memory bandwidth, frequency), the
# ceiling for vigie's own speed-up. Prints seconds; the fastest of RUNS.
together() {
    local bt="" t start end k p pids
    for _ in $(seq "$RUNS"); do
        pids=()
        start=$(date +%s%N)
        for k in $(seq "$CORES"); do
            "${audit[@]}" --output "$out.$k" --jobs 1 >/dev/null 2>&1 &
            pids+=("$!")
        done
        for p in "${pids[@]}"; do
            wait "$p" || [[ $? -le 1 ]] || { echo "bench.sh: a concurrent run failed" >&2; exit 1; }
        done
        end=$(date +%s%N)
        t=$(awk -v ns="$((end - start))" 'BEGIN { printf "%.3f", ns / 1e9 }')
        if [[ -z "$bt" ]] || awk -v a="$t" -v b="$bt" 'BEGIN{exit !(a < b)}'; then bt=$t; fi
    done
    for k in $(seq "$CORES"); do rm -f "$out.$k"; done
    echo "$bt"
}

ROWS=()
IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
# Generates a corpus of SIZE into DIR (more vigie-gen options may follow), unless the same
# generator already did.
generate() {
    local size="$1" dir="$2" stamp gen_id start end
    shift 2
    stamp="$dir/.generated-by"
    gen_id="$(stat -c '%Y %s' "$GEN")${*:+ $*}"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$gen_id" ]]; then
        rm -rf "$dir"
        echo "bench.sh: generating $size (seed $SEED) in $dir" >&2
        start=$(date +%s.%N)
        "$GEN" --size "$size" --seed "$SEED" --breach-rate 0.02 --as-of "$AS_OF" --out "$dir" "$@"
        end=$(date +%s.%N)
        echo "bench.sh: generated in $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s" >&2
        echo "$gen_id" >"$stamp"
    fi
}

for size in "${SIZE_LIST[@]}"; do
    dir="$WORK/$size-seed$SEED"
    generate "$size" "$dir"
    corpus="$dir/corpus.jsonl"
    ref="$dir/reference"
    hist="$dir/history.json"
    mapfile -t files < <(printf '%s\n' "$corpus"; find "$ref" -type f | sort)
    bytes=$(cat "${files[@]}" | wc -c)
    records=$(wc -l <"$corpus")
    out=$(mktemp)

    echo "bench.sh: measuring $size ($bytes input bytes, $records records)" >&2
    cat "${files[@]}" >/dev/null # warm the page cache
    read -r t_cat _ < <(best cat "${files[@]}")
    read -r t_rg _ < <(best rg -c 'cassation' "${files[@]}")
    # The audit, as every vigie run below makes it.
    audit=("$VIGIE" "$corpus" --reference "$ref" --history "$hist" --as-of "$AS_OF"
        --report json --quiet)
    read -r t_all m_all < <(best "${audit[@]}" --output "$out")
    read -r t_one m_one < <(best "${audit[@]}" --output "$out" --jobs 1)
    t_together=$(together)
    # The plain script a compliance team might write (scripts/plain_audit.py): a yardstick.
    t_plain=- m_plain=0
    if command -v python3 >/dev/null 2>&1; then
        read -r t_plain m_plain < <(best python3 scripts/plain_audit.py "$ref" "$corpus")
    fi
    rm -f "$out"
    ROWS+=("$size $bytes $records $t_cat $t_rg $t_one $t_all $m_one $m_all $t_together $t_plain $m_plain")
    if [[ $KEEP == 0 ]]; then
        rm -rf "$dir"
    fi
done

# One table, then the ratios and the growth line.
printf '%s\n' "${ROWS[@]}" | awk -v cores="$CORES" -v runs="$RUNS" '
function ratio(a, b) { return b > 0 ? sprintf("%.1f", a / b) : "-" }
{
    size[NR] = $1; mb[NR] = $2 / 1048576; rec[NR] = $3
    cat_t[NR] = $4; rg_t[NR] = $5; one[NR] = $6; all[NR] = $7; m1[NR] = $8; ma[NR] = $9
    tog[NR] = $10; plain[NR] = $11; mp[NR] = $12
}
END {
    printf "\nvigie benchmark (%d cores; input = corpus + reference; warm page cache; times in s, fastest of %d runs)\n\n", cores, runs
    printf "| corpus | input MB | records | cat | rg -c | vigie -j1 | vigie -j%d | peak MB -j1 | peak MB -j%d | vigie/rg | vigie/cat | speed-up -j1/-j%d | machine ceiling | peak B / input B | ms per input MB | plain script | its peak MB | script/vigie |\n", cores, cores, cores
    printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= NR; i++) {
        printf "| %s | %.0f | %d | %.3f | %.3f | %.2f | %.2f | %.0f | %.0f | %s | %s | %s | %s | %.2f | %.1f | %s | %.0f | %s |\n",
            size[i], mb[i], rec[i], cat_t[i], rg_t[i], one[i], all[i], m1[i] / 1024, ma[i] / 1024,
            ratio(all[i], rg_t[i]), ratio(all[i], cat_t[i]), ratio(one[i], all[i]),
            ratio(cores * one[i], tog[i]), (ma[i] * 1024) / (mb[i] * 1048576), 1000 * all[i] / mb[i],
            plain[i], mp[i] / 1024, plain[i] == "-" ? "-" : ratio(plain[i], all[i])
    }
    printf "\nMachine ceiling = %d x (vigie -j1) / (wall time of %d vigie -j1 run at once, as separate processes): the speed-up the\n", cores, cores
    printf "machine itself gives this work on all its cores (shared caches, memory bandwidth, clock), which no parallel speed-up can pass.\n"
    printf "Plain script = scripts/plain_audit.py (Python): reference in a dict, texts compared after collapsing white space, fields present;\n"
    printf "far less than vigie checks, a yardstick for what a hand-written audit costs.\n"
    # Least-squares line time = a + b * MB over the sizes (all cores).
    n = NR; sx = sy = sxx = sxy = 0
    for (i = 1; i <= n; i++) { sx += mb[i]; sy += all[i]; sxx += mb[i] * mb[i]; sxy += mb[i] * all[i] }
    per = ""
    for (i = 1; i <= n; i++) per = per sprintf("%s%s %.2f ms/MB", i > 1 ? ", " : "", size[i], 1000 * all[i] / mb[i])
    if (n >= 2 && n * sxx - sx * sx > 0) {
        b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n
        ss = 0; st = 0; mean = sy / n
        for (i = 1; i <= n; i++) { e = all[i] - (a + b * mb[i]); ss += e * e; st += (all[i] - mean) ^ 2 }
        r2 = st > 0 ? 1 - ss / st : 1
        printf "\nGrowth: time per input MB at each size: %s; linear fit time = %.2f s + %.2f ms x MB (R^2 = %.3f)", per, a, 1000 * b, r2
        first = 1000 * all[1] / mb[1]; last = 1000 * all[n] / mb[n]
        printf " -- cost grows %s with size.\n", (last <= first * 1.25 ? "linearly (per-MB cost flat or falling)" : sprintf("faster than linearly (per-MB cost x%.1f from the smallest to the largest)", last / first))
    } else {
        printf "\nGrowth: time per input MB: %s (give two sizes or more for a fit).\n", per
    }
}'

[[ "$SHAPES" == none ]] && exit 0

# Other shapes of the same audit at one size: what a reuser's export or a court's download may
# look like. Each row: the files, the time to read them (cat), vigie on one core and on all.
base="$WORK/$SHAPES-seed$SEED"
generate "$SHAPES" "$base"
dila="$WORK/$SHAPES-seed$SEED-dila"
generate "$SHAPES" "$dila" --reference-format dila
split_dir="$WORK/$SHAPES-seed$SEED-files"
if [[ ! -f "$split_dir/.from" || "$(cat "$split_dir/.from")" != "$(cat "$base/.generated-by")" ]]; then
    rm -rf "$split_dir"
    echo "bench.sh: splitting $base into one file per record and per decision" >&2
    mkdir -p "$split_dir/corpus" "$split_dir/reference"
    split -l 1 -d -a 7 --additional-suffix=.json "$base/corpus.jsonl" "$split_dir/corpus/r"
    split -l 1 -d -a 7 --additional-suffix=.json "$base/reference/reference.jsonl" "$split_dir/reference/d"
    cp -r "$base/reference/admin" "$split_dir/reference/"
    cp "$base/history.json" "$split_dir/"
    cat "$base/.generated-by" >"$split_dir/.from"
fi
# The reference as Judilibre's /export gives it: pages of 1,000 decisions, one file each.
pages_dir="$WORK/$SHAPES-seed$SEED-pages"
if [[ ! -f "$pages_dir/.from" || "$(cat "$pages_dir/.from")" != "$(cat "$base/.generated-by")" ]]; then
    rm -rf "$pages_dir"
    echo "bench.sh: writing $base's reference as pages of 1,000 decisions" >&2
    mkdir -p "$pages_dir/reference"
    awk -v dir="$pages_dir/reference" '
        (NR - 1) % 1000 == 0 {
            if (f) { printf "\n  ],\n  \"next_batch\": null\n}\n" > f; close(f) }
            f = sprintf("%s/page%05d.json", dir, (NR - 1) / 1000)
            printf "{\n  \"batch\": %d,\n  \"batch_size\": 1000,\n  \"results\": [\n    %s", (NR - 1) / 1000, $0 > f
            next
        }
        { printf ",\n    %s", $0 > f }
        END { if (f) printf "\n  ],\n  \"next_batch\": null\n}\n" > f }' "$base/reference/reference.jsonl"
    cp -r "$base/reference/admin" "$pages_dir/reference/"
    cat "$base/.generated-by" >"$pages_dir/.from"
fi
SHAPE_ROWS=()
# shape LABEL CORPUS REFERENCE HISTORY [READER]: READER (default cat) is what merely reads the
# files: zcat -f for a compressed corpus, whose "input MB" are then compressed bytes.
shape() {
    local label="$1" corpus="$2" ref="$3" hist="$4" reader="${5:-cat}" nfiles bytes t_cat t_one t_all m_one m_all out
    nfiles=$(find "$corpus" "$ref" -type f | wc -l)
    bytes=$(find "$corpus" "$ref" -type f -exec cat {} + | wc -c)
    echo "bench.sh: measuring shape '$label' ($nfiles files, $bytes bytes)" >&2
    find "$corpus" "$ref" -type f -exec cat {} + >/dev/null
    read -r t_cat _ < <(best find "$corpus" "$ref" -type f -exec $reader {} +)
    out=$(mktemp)
    audit=("$VIGIE" "$corpus" --reference "$ref" --history "$hist" --as-of "$AS_OF" --report json --quiet)
    read -r t_all m_all < <(best "${audit[@]}" --output "$out")
    read -r t_one m_one < <(best "${audit[@]}" --output "$out" --jobs 1)
    rm -f "$out"
    SHAPE_ROWS+=("$nfiles $bytes $t_cat $t_one $t_all $m_all $label")
}
shape "JSON Lines corpus, Judilibre JSON Lines reference" "$base/corpus.jsonl" "$base/reference" "$base/history.json"
shape "one JSON file per record, one Judilibre JSON file per decision" "$split_dir/corpus" "$split_dir/reference" "$split_dir/history.json"
shape "JSON Lines corpus, Judilibre export pages of 1,000 decisions (one file each)" "$base/corpus.jsonl" "$pages_dir/reference" "$base/history.json"
shape "JSON Lines corpus, DILA XML reference (one file per decision)" "$dila/corpus.jsonl" "$dila/reference" "$dila/history.json"
# Every record's text differs from its reference: a note inserted at the first line break past
# the middle, as a reuser's edit would. Each such record's text is then normalised with its map
# and aligned with the reference's. Lines that are not JSON objects with a text stay as they are.
if command -v python3 >/dev/null 2>&1; then
    python3 -c '
import json, sys
for line in sys.stdin.buffer:
    try:
        r = json.loads(line)
        t = r["text"]
        k = t.index("\n", len(t) // 2) + 1
        r["text"] = t[:k] + "[note de la rédaction : mise à jour] " + t[k:]
        line = (json.dumps(r, ensure_ascii=False) + "\n").encode()
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    sys.stdout.buffer.write(line)
' <"$base/corpus.jsonl" >"$base/edited.jsonl"
    shape "JSON Lines corpus whose every text has a note inserted, Judilibre JSON Lines reference" "$base/edited.jsonl" "$base/reference" "$base/history.json"
    rm -f "$base/edited.jsonl"
    # Corpus and reference as Python's json.dumps writes them by default (ensure_ascii): every
    # accented letter as a \u escape (é as \u00e9), the most common way a script writes JSON.
    ascii_dir="$base-ascii"
    mkdir -p "$ascii_dir/reference"
    to_ascii='
import json, sys
for line in sys.stdin.buffer:
    try:
        line = (json.dumps(json.loads(line)) + "\n").encode()
    except ValueError:
        pass
    sys.stdout.buffer.write(line)
'
    python3 -c "$to_ascii" <"$base/corpus.jsonl" >"$ascii_dir/corpus.jsonl"
    python3 -c "$to_ascii" <"$base/reference/reference.jsonl" >"$ascii_dir/reference/reference.jsonl"
    cp -r "$base/reference/admin" "$ascii_dir/reference/"
    shape "JSON Lines corpus and reference with accents as \\u escapes (Python's json.dumps)" "$ascii_dir/corpus.jsonl" "$ascii_dir/reference" "$base/history.json"
    rm -rf "$ascii_dir"
fi
gzip -c "$base/corpus.jsonl" >"$base/corpus.jsonl.gz"
shape "gzip-compressed JSON Lines corpus (cat is zcat), Judilibre JSON Lines reference" "$base/corpus.jsonl.gz" "$base/reference" "$base/history.json" "zcat -f"
rm -f "$base/corpus.jsonl.gz"
if [[ $KEEP == 0 ]]; then
    rm -rf "$base" "$dila" "$split_dir" "$pages_dir"
fi
printf '%s\n' "${SHAPE_ROWS[@]}" | awk -v cores="$CORES" -v size="$SHAPES" '
function ratio(a, b) { return b > 0 ? sprintf("%.1f", a / b) : "-" }
BEGIN {
    printf "\nShapes of input at %s (the same generated audit; times in s)\n\n", size
    printf "| input | files | input MB | cat | vigie -j1 | vigie -j%d | peak MB | vigie/cat | speed-up | ms per input MB |\n", cores
    printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
}
{
    label = $7; for (i = 8; i <= NF; i++) label = label " " $i
    mb = $2 / 1048576
    printf "| %s | %d | %.0f | %.3f | %.2f | %.2f | %.0f | %s | %s | %.1f |\n", label, $1, mb, $3, $4, $5, $6 / 1024,
        ratio($5, $3), ratio($4, $5), 1000 * $5 / mb
}'
