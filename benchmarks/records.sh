#!/usr/bin/env bash
# Benchmarks of the decision records (BENCHMARKS.md, "Decision records: report, group commit"), on the
# packaged service, loopback only:
#   benchmarks/records.sh report [h2|postgresql] [records]      GET /api/v1/reports/2016 (JSON, CSV, XLSX) at N records of
#                                                                2016 (default 100000), filled through the batch API
#   benchmarks/records.sh throughput [h2|postgresql] [seconds]  wrk at 16 connections: not recorded, recorded with group commit
#                                                                off and on; then recorded at a fixed rate of half the
#                                                                not-recorded throughput (p99)
#   benchmarks/records.sh appends [h2|postgresql] [seconds]     chain appends alone (no HTTP, no rules), 16 callers: group
#                                                                commit off, on, and two writers on one database (AppendBenchmark)
#   benchmarks/records.sh chain [h2|postgresql] [records]       issue 24: verify (full, and incremental after one new record),
#                                                                the console's chain page, export of 2016 and of a range, and
#                                                                the offline check, at N records (default 100000; RecordFill)
#   benchmarks/records.sh two-instances [seconds]               one, then two instances on one PostgreSQL, recorded, 16
#                                                                connections in all (8 each for two); chain checked after
# PostgreSQL: PG_URL (default jdbc:postgresql://127.0.0.1:55432/records_bench), PG_USER (postgres), PG_PASSWORD (empty); the
# database must exist; it is emptied (Flyway clean) at each start. NO_BUILD=1 skips packaging. JAVA_OPTS as in run.sh
# (PostgreSQL: -Xmx256m, as issue 15 measured). Prints `uptime` first: figures on a loaded machine say little.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-report}
DB=${2:-h2}
[ "$WHAT" = two-instances ] && DB=postgresql
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:55432/records_bench}
PG_USER=${PG_USER:-postgres}
PG_PASSWORD=${PG_PASSWORD:-}
WORK=$(mktemp -d /tmp/rubric-records-bench.XXXXXX)
echo "machine: $(uptime)"

if [ "$WHAT" = appends ]; then
    :
elif [ "$DB" = postgresql ]; then
    APP=target/quarkus-app
    [ "${NO_BUILD:-}" = 1 ] || ./mvnw -q -DskipTests package
    JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx256m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Xss512k"}
    # the same package as H2: DATABASE_URL and its credentials choose PostgreSQL at start
    DB_OPTS=(-DDATABASE_URL="$PG_URL" -DDATABASE_USERNAME="$PG_USER" -DDATABASE_PASSWORD="$PG_PASSWORD")
else
    APP=target/quarkus-app
    [ "${NO_BUILD:-}" = 1 ] || ./mvnw -q -DskipTests package
    JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx96m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000"}
    DB_OPTS=()
fi
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
echo "database: $DB; JVM options: ${JAVA_OPTS:-}"

PIDS=()
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)); }
start() { # $1 name, $2 clean (true/false), rest: extra options; sets PORT
    local name=$1 clean=$2
    shift 2
    PORT=$(free_port)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Dquarkus.profile=demo -Dquarkus.http.port="$PORT" -Ddata.dir="$WORK/data" -Drules.dir="$PWD/rules-drl" \
        -Dservice.key-file="$WORK/service-key.pem" -Drules.watch.enabled=false -Daudit.checkpoint.every=0 \
        -Dquarkus.flyway.clean-at-start="$clean" -Dquarkus.flyway.postgresql.clean-at-start="$clean" "${DB_OPTS[@]}" "$@" -jar "$APP/quarkus-run.jar" > "$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
        kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -30 "$WORK/$name.log"; exit 1; }
        sleep 0.1
    done
}
EVALUATOR='Authorization: Basic '$(printf 'evaluator:evaluator-dev' | base64)
export BODY=$PWD/src/test/resources/bench/evaluation.json
export AUTH=${EVALUATOR#Authorization: }
AUDITOR=(-u auditor:auditor-dev)

batch_body() { # all 72 units of 2016 in one batch; $1 varies the monthly figures
    awk -F'\t' -v m="$1" 'BEGIN { printf "{\"items\": [" } !/^#/ && $1 != "name" {
        printf "%s{\"unit\": \"%s\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [%d,8,8,8,8,8,8,8,8,8,8,%d],", (n++ ? "," : ""), $1, 5 + m % 4, 6 + m % 3
        printf " \"adoptions\": [{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-03-0%d\"}]}}", 1 + m % 9 }
        END { print "]}" }' rules-drl/2016/units.tsv
}

timings() { # $1 label, $2 runs, rest: curl arguments; prints median and slowest of the runs (ms)
    local label=$1 runs=$2
    shift 2
    for _ in $(seq "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done | sort -n \
        | awk -v l="$label" '{ t[NR] = $1 * 1000 } END { printf "%-28s median %7.1f ms, fastest %7.1f ms, slowest %7.1f ms (%d runs)\n", l, t[int((NR + 1) / 2)], t[1], t[NR], NR }'
}

report() {
    local records=${1:-100000} url user password
    start service true
    batch_body 0 > "$WORK/batch.json"
    curl -sf -o /dev/null -H "$EVALUATOR" -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json" \
        "http://127.0.0.1:$PORT/api/v1/evaluations/batch"
    kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
    # The other records are that batch's 72 real answers copied with new ids and chained (RecordFill): evaluating
    # 100,000 requests takes most of an hour on two shared cores, and the table's content is the same.
    if [ "$DB" = postgresql ]; then url=$PG_URL user=$PG_USER password=$PG_PASSWORD; else url="jdbc:h2:file:$WORK/data/records" user=sa password=; fi
    ./mvnw -q -Pbench test-compile
    CP=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
    java -cp "target/test-classes:target/classes:$CP" cn.panzhihua.scoring.bench.RecordFill "$url" "$user" "$password" $((records - 72))
    [ "$DB" = postgresql ] && psql "postgresql://$PG_USER@${PG_URL#jdbc:postgresql://}" -qc 'VACUUM ANALYZE decision_record' 2>/dev/null || true
    start service false
    curl -s "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/reports/2016" | grep -o '"recordSeq":[0-9]*'   # warm-up; signs the checkpoint reused after
    timings "report JSON" 21 "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/reports/2016"
    timings "report CSV" 7 "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/reports/2016?format=csv"
    timings "report XLSX (73 sheets)" 5 "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/reports/2016?format=xlsx"
    curl -s -o /dev/null -H "$EVALUATOR" -H 'Content-Type: application/json' --data-binary @"$BODY" "http://127.0.0.1:$PORT/api/v1/evaluations"
    timings "report JSON, new checkpoint" 1 "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/reports/2016"
}

fill() { # $1 records: one real batch of 72, then RecordFill's copies; leaves the service stopped
    local records=$1 url user password
    start service true
    batch_body 0 > "$WORK/batch.json"
    curl -sf -o /dev/null -H "$EVALUATOR" -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json" \
        "http://127.0.0.1:$PORT/api/v1/evaluations/batch"
    kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
    if [ "$DB" = postgresql ]; then url=$PG_URL user=$PG_USER password=$PG_PASSWORD; else url="jdbc:h2:file:$WORK/data/records" user=sa password=; fi
    ./mvnw -q -Pbench test-compile
    CP=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
    java -cp "target/test-classes:target/classes:$CP" cn.panzhihua.scoring.bench.RecordFill "$url" "$user" "$password" $((records - 72))
    [ "$DB" = postgresql ] && psql "postgresql://$PG_USER@${PG_URL#jdbc:postgresql://}" -qc 'VACUUM ANALYZE decision_record' 2>/dev/null || true
}

chain() { # issue 24
    local records=${1:-100000} cookie="$WORK/cookie.txt" t
    fill "$records"
    start service false
    curl -s -o /dev/null -c "$cookie" -d 'j_username=auditor&j_password=auditor-dev' "http://127.0.0.1:$PORT/j_security_check"
    curl -s "${AUDITOR[@]}" -X POST "http://127.0.0.1:$PORT/api/v1/audit/checkpoints" | grep -o '"recordSeq":[0-9]*'
    timings "verify, full (first walk)" 1 "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/audit/verify?full=true"
    timings "verify, full" 3 "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/audit/verify?full=true"
    curl -s "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/audit/verify?full=true" | grep -o '"intact":[a-z]*,"recordsChecked":[0-9]*'
    curl -s -o /dev/null -H "$EVALUATOR" -H 'Content-Type: application/json' --data-binary @"$BODY" "http://127.0.0.1:$PORT/api/v1/evaluations"
    timings "verify, incremental (+1)" 11 "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/audit/verify"
    curl -s "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/audit/verify" | grep -o '"recordsChecked":[0-9]*,.*"recordsWalked":[0-9]*'
    timings "chain page" 21 -b "$cookie" "http://127.0.0.1:$PORT/console/chain"
    echo "8 concurrent full walks (shared):"
    t=$(date +%s.%N)
    local walkers=()
    for _ in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/audit/verify?full=true" & walkers+=($!); done
    wait "${walkers[@]}"   # not a bare wait: the service runs in the background too
    echo "  all 8 answered in $(echo "$(date +%s.%N) - $t" | bc) s"
    timings "export year 2016" 1 "${AUDITOR[@]}" -o "$WORK/records-2016.ndjson" "http://127.0.0.1:$PORT/api/v1/audit/export?year=2016"
    ls -l "$WORK/records-2016.ndjson" | awk '{ printf "  %d MB\n", $5 / 1048576 }'
    timings "export range 1-10000" 1 "${AUDITOR[@]}" -o "$WORK/records-range.ndjson" "http://127.0.0.1:$PORT/api/v1/audit/export?from=1&to=10000"
    curl -s -o "$WORK/key.pem" -H 'Accept: application/x-pem-file' "http://127.0.0.1:$PORT/api/v1/audit/public-key"
    t=$(date +%s.%N); bin/verify-export "$WORK/records-2016.ndjson" --public-key "$WORK/key.pem" | tail -1
    echo "  offline check of the year: $(echo "$(date +%s.%N) - $t" | bc) s"
    t=$(date +%s.%N); bin/verify-export "$WORK/records-range.ndjson" --public-key "$WORK/key.pem" | tail -1
    echo "  offline check of the range: $(echo "$(date +%s.%N) - $t" | bc) s"
    rm -f "$WORK"/records-*.ndjson
    echo "machine after: $(uptime)"
}

LUA="$WORK/post.lua"
cat > "$LUA" <<'LUA'
local f = io.open(os.getenv("BODY"), "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("AUTH")
LUA
wrk_line() { # $1 label, $2 connections, $3 seconds, $4 url
    local out
    wrk -t1 -c"$2" -d5s -s "$LUA" "$4" > /dev/null
    out=$(wrk -t1 -c"$2" -d"$3"s --latency -s "$LUA" "$4")
    printf '%-34s %4s conns %8s/s  p50 %8s  p99 %8s  non-2xx %s\n' "$1" "$2" \
        "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")" "$(awk '$1 == "50%" {print $2}' <<< "$out")" \
        "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$(awk '/Non-2xx/ {n = $NF} END {print n + 0}' <<< "$out")"
    RATE=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")
}

throughput() {
    local seconds=${1:-20} norecord
    command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
    start off true -Drecords.group-commit.enabled=false
    wrk_line "not recorded" 16 "$seconds" "http://127.0.0.1:$PORT/api/v1/evaluations?record=false"
    norecord=$RATE
    wrk_line "recorded, group commit off" 16 "$seconds" "http://127.0.0.1:$PORT/api/v1/evaluations"
    kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
    start on true -Drecords.group-commit.enabled=true
    wrk_line "not recorded" 16 "$seconds" "http://127.0.0.1:$PORT/api/v1/evaluations?record=false"
    norecord=$RATE
    wrk_line "recorded, group commit on" 16 "$seconds" "http://127.0.0.1:$PORT/api/v1/evaluations"
    ./mvnw -q -Pbench test-compile
    CP=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
    echo "recorded at a fixed rate of half the not-recorded throughput ($((norecord / 2))/s), 16 connections, group commit on:"
    java -cp "target/test-classes:target/classes:$CP" cn.panzhihua.scoring.bench.HttpLoad "http://127.0.0.1:$PORT" \
        seconds="$seconds" warmup=5 connections=16 rates=$((norecord / 2)) path=/api/v1/evaluations
    curl -s "${AUDITOR[@]}" "http://127.0.0.1:$PORT/api/v1/audit/verify" | grep -o '"intact":[a-z]*,"recordsChecked":[0-9]*'
}

two_instances() {
    local seconds=${1:-20}
    command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
    start one true
    local first=$PORT
    wrk_line "one instance, recorded" 16 "$seconds" "http://127.0.0.1:$first/api/v1/evaluations"
    start two false
    local second=$PORT
    echo "two instances, recorded, 8 connections each, at the same time:"
    wrk_line "  instance 1" 8 "$seconds" "http://127.0.0.1:$first/api/v1/evaluations" > "$WORK/one.txt" &
    local w1=$!
    wrk_line "  instance 2" 8 "$seconds" "http://127.0.0.1:$second/api/v1/evaluations" > "$WORK/two.txt"
    wait $w1
    cat "$WORK/one.txt" "$WORK/two.txt"
    awk '{for (i = 1; i <= NF; i++) if ($i ~ /\/s$/) { sub("/s", "", $i); s += $i }} END { printf "  in all: %d/s\n", s }' "$WORK/one.txt" "$WORK/two.txt"
    curl -s "${AUDITOR[@]}" "http://127.0.0.1:$first/api/v1/audit/verify" | grep -o '"intact":[a-z]*,"recordsChecked":[0-9]*,"headSeq":[0-9]*'
}

appends() {
    local seconds=${1:-10} url user password
    if [ "$DB" = postgresql ]; then url=$PG_URL user=$PG_USER password=$PG_PASSWORD; else url="jdbc:h2:file:$WORK/appends;WRITE_DELAY=0" user=sa password=; fi
    ./mvnw -q -Pbench test-compile
    CP=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
    java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$CP" \
        cn.panzhihua.scoring.audit.AppendBenchmark "$url" "$user" "$password" 16 "$seconds"
}

case "$WHAT" in
    report) report "${3:-100000}" ;;
    throughput) throughput "${3:-20}" ;;
    two-instances) two_instances "${2:-20}" ;;
    chain) chain "${3:-100000}" ;;
    appends) appends "${3:-10}" ;;
    *) echo "usage: $0 report|throughput|appends|chain|two-instances [h2|postgresql] [records|seconds]"; exit 2 ;;
esac
