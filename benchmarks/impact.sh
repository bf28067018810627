#!/usr/bin/env bash
# The impact figures of BENCHMARKS.md ("Impact of a rulebook change", issue 14), on the packaged service,
# loopback only, a free port, its own data folder:
#   1. the 72 latest records of 2016 (one batch of every unit) re-scored under a draft, from a warm service:
#      a data edit (CITY_BULLETIN 4 -> 5 in channels.tsv: no DRL to compile) run again and again (the draft is
#      built once), the same edit made new at every run (a comment line: built every time from the compile
#      cache), and a DRL edit made new at every run (disclosure/veto.drl with a new comment line: its package
#      compiled every time), then the same DRL edit again;
#      then validate of the same DRL edit (POST /api/v1/rulebooks/validate: gate, compile, every scenario);
#   2. a synthetic population of N stored unit-years of 2016 (default 10,000: the batch above filled again and
#      again through the batch API), population=all, under the data edit.
# Prints `uptime` first and last: figures on a loaded machine say little. NO_BUILD=1 skips packaging.
# Usage: benchmarks/impact.sh [records]        (records <= 72: only part 1)
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL=${1:-10000}
RUNS=${RUNS:-9}
WORK=$(mktemp -d /tmp/rubric-impact-bench.XXXXXX)
echo "machine: $(uptime)"
[ "${NO_BUILD:-}" = 1 ] || ./mvnw -q -DskipTests package
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx256m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Xss512k"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
echo "JVM options: $JAVA_OPTS; $(nproc) cores"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cp -r rules-drl "$WORK/rules-drl"
# shellcheck disable=SC2086
java $JAVA_OPTS -Dquarkus.profile=demo -Dquarkus.http.port="$PORT" -Ddata.dir="$WORK/data" -Drules.dir="$WORK/rules-drl" \
    -Dservice.key-file="$WORK/service-key.pem" -Drules.watch.enabled=false -Daudit.checkpoint.every=0 \
    -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
    kill -0 $PID 2>/dev/null || { tail -30 "$WORK/service.log"; exit 1; }
    sleep 0.1
done
BASE="http://127.0.0.1:$PORT"

batch_body() { # all 72 units of 2016 in one batch, each with CITY_BULLETIN adoptions; $1 varies the figures
    awk -F'\t' -v m="$1" 'BEGIN { printf "{\"items\": [" } !/^#/ && $1 != "name" {
        printf "%s{\"unit\": \"%s\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [%d,8,8,8,8,8,8,8,8,8,8,%d],", (n++ ? "," : ""), $1, 5 + m % 4, 6 + m % 3
        k = 1 + (n + m) % 9; printf " \"adoptions\": ["
        for (i = 1; i <= k; i++) printf "%s{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-0%d-1%d\"}", (i > 1 ? "," : ""), 1 + i % 9, i % 10
        printf "]}}" }
        END { print "]}" }' rules-drl/2016/units.tsv
}
batch_body 0 > "$WORK/batch.json"
BATCH=$(curl -sf -u evaluator:evaluator-dev -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json" "$BASE/api/v1/evaluations/batch" | jq -r .batchId)

python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
channels = open("rules-drl/2016/channels.tsv", encoding="utf-8").read()
draft = channels.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t").replace("计 4 分", "计 5 分")
assert draft != channels
json.dump({"files": {"channels.tsv": draft}}, open(work + "/data-edit.json", "w", encoding="utf-8"), ensure_ascii=False)
veto = open("rules-drl/2016/disclosure/veto.drl", encoding="utf-8").read()
for i in range(40):
    json.dump({"files": {"disclosure/veto.drl": veto + "\n// draft %d\n" % i}}, open(work + "/drl-edit-%d.json" % i, "w", encoding="utf-8"), ensure_ascii=False)
    json.dump({"files": {"channels.tsv": draft + "# draft %d\n" % i}}, open(work + "/data-edit-%d.json" % i, "w", encoding="utf-8"), ensure_ascii=False)
PY

impact() { # $1 body file, $2 query; prints wall ms (curl) and the service's own millis, evaluated, changed
    curl -sf -u author:author-dev -H 'Content-Type: application/json' --data-binary @"$1" -o "$WORK/answer.json" \
        -w '%{time_total}' "$BASE/api/v1/impact/2016?$2" | awk '{ printf "%.1f", $1 * 1000 }'
    jq -r '" \(.millis) \(.evaluated) \(.changed) \(.rankChanged)"' "$WORK/answer.json"
}
summary() { # $1 label; stdin: lines "wall millis evaluated changed rankChanged"
    sort -n | awk -v l="$1" '{ w[NR] = $1; m[NR] = $2; e = $3; c = $4; r = $5 } END {
        printf "%-44s wall median %7.1f ms (fastest %7.1f, slowest %7.1f; service %s ms median), %d records, %d changed, %d ranks moved, %d runs\n",
            l, w[int((NR + 1) / 2)], w[1], w[NR], m[int((NR + 1) / 2)], e, c, r, NR }'
}

for i in 1 2 3 4 5 6 7 8 9 10; do impact "$WORK/data-edit.json" "batch=$BATCH" > /dev/null; done   # warm-up
for i in 30 31 32 33 34; do impact "$WORK/drl-edit-$i.json" "batch=$BATCH" > /dev/null; done
echo "load now: $(uptime)"
for _ in $(seq "$RUNS"); do impact "$WORK/data-edit.json" "batch=$BATCH"; done | summary "72 latest, data edit run again (built once)"
for i in $(seq 1 "$RUNS"); do impact "$WORK/data-edit-$i.json" "batch=$BATCH"; done | summary "72 latest, a new data edit at every run"
for i in $(seq 1 "$RUNS"); do impact "$WORK/drl-edit-$i.json" "batch=$BATCH"; done | summary "72 latest, DRL edit compiled at every run"
for _ in $(seq "$RUNS"); do impact "$WORK/drl-edit-1.json" "batch=$BATCH"; done | summary "72 latest, DRL edit from the compile cache"

validate() { # $1 n: disclosure/veto.drl with a new comment line, checked as a rule author checks a draft (gate, compile, scenarios)
    printf '%s\n// draft %s\n' "$(cat rules-drl/2016/disclosure/veto.drl)" "$1" > "$WORK/veto-$1.drl"
    curl -sf -u author:author-dev -H 'Content-Type: text/plain; charset=UTF-8' --data-binary @"$WORK/veto-$1.drl" -o /dev/null \
        -w '%{time_total}' "$BASE/api/v1/rulebooks/validate?year=2016&file=disclosure/veto.drl" | awk '{ printf "%.1f 0 0 0 0\n", $1 * 1000 }'
}
for i in 60 61 62; do validate $i > /dev/null; done   # warm-up
for i in $(seq 1 "$RUNS"); do validate $((100 + i)); done | summary "validate, DRL edit (gate, compile, scenarios)"

[ "$TOTAL" -le 72 ] && { echo "machine: $(uptime)"; exit 0; }
echo "filling $TOTAL records of 2016 through the batch API ..."
start=$(date +%s)
n=72
m=1
while [ $n -lt "$TOTAL" ]; do
    batch_body $m > "$WORK/batch.json"
    curl -sf -o /dev/null -u evaluator:evaluator-dev -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json" "$BASE/api/v1/evaluations/batch"
    n=$((n + 72)); m=$((m + 1))
done
echo "  $n records in $(( $(date +%s) - start )) s"
impact "$WORK/data-edit.json" "population=all&top=10" > /dev/null   # warm-up at this size
echo "load now: $(uptime)"
for _ in $(seq 5); do impact "$WORK/data-edit.json" "population=all&top=10"; done | summary "all $n records of 2016, data edit"
for _ in $(seq 3); do impact "$WORK/data-edit.json" "population=latest"; done | summary "latest of 72 units among $n records"
grep -o 'impact 2016: .*' "$WORK/service.log" | tail -8 || true
echo "machine: $(uptime)"
