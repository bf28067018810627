#!/usr/bin/env bash
# Reruns the HTTP and lifecycle benchmarks of BENCHMARKS.md against the packaged service on this
# machine (loopback only). The in-process JMH benchmarks are separate:
#   ./mvnw -Pbench test-compile exec:exec@jmh
# Usage: [JAVA_OPTS="..."] benchmarks/run.sh [seconds per HTTP measurement, default 10]
# The service runs with the demo profile (its development users and anonymous evaluation, which the
# load generators use) and the JVM options BENCHMARKS.md recommends for production (below) unless
# JAVA_OPTS says otherwise. Closed-loop HTTP load uses wrk (Debian's package; installed if missing
# and possible) and falls back to the JDK load generator; fixed-rate latency uses the JDK one.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
PORT=8089
WORK=$(mktemp -d /tmp/rubric-bench.XXXXXX)
DATA="$WORK/data"
RULES="$WORK/rules-drl"   # a copy: the reload benchmark edits a DRL file
cp -r rules-drl "$RULES"
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx96m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
echo "JVM options: $JAVA_OPTS; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"

./mvnw -q -DskipTests package
./mvnw -q -Pbench test-compile
CP=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
if ! command -v wrk > /dev/null && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get install -y -qq wrk > /dev/null 2>&1 || (apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq wrk > /dev/null 2>&1) || true
fi

PID=
trap 'if [ -n "$PID" ]; then kill $PID 2>/dev/null || true; fi' EXIT
start_service() { # $1: what this start is
    local start_ns
    start_ns=$(date +%s%N)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Xlog:gc:file="$WORK/gc-$2.log" -Dquarkus.profile=demo -Dquarkus.http.port=$PORT -Ddata.dir="$DATA" -Drules.dir="$RULES" -Dservice.key.generate=true -Dservice.key-file="$WORK/service-key.pem" -Drules.watch.enabled=false \
         -jar target/quarkus-app/quarkus-run.jar > "$WORK/service-$2.log" 2>&1 &
    PID=$!
    until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
        kill -0 $PID 2>/dev/null || { cat "$WORK/service-$2.log"; exit 1; }
        sleep 0.02
    done
    echo "start to ready, $1: $(( ($(date +%s%N) - start_ns) / 1000000 )) ms (process start to the first ready answer)"
    grep -o 'rulebook 2016-[0-9a-f]* loaded.*' "$WORK/service-$2.log" | sed 's/^/  /'
}
stop_service() {
    kill $PID; wait $PID 2>/dev/null || true; PID=
}

start_service "first start (DRL compiled)" first
stop_service
start_service "restart (compiled rules read back)" restart

BASE="http://127.0.0.1:$PORT"
if command -v wrk > /dev/null; then
    cat > "$WORK/post.lua" <<'LUA'
local f = io.open(os.getenv("BODY"), "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA
    export BODY=$PWD/src/test/resources/bench/evaluation.json
    wrk_line() { # $1 label, $2 connections, rest: wrk target arguments
        local label=$1 c=$2 out
        shift 2
        wrk -t1 -c"$c" -d5s "$@" > /dev/null # warm-up
        out=$(wrk -t1 -c"$c" -d"${SECONDS_PER_RUN}s" --latency "$@")
        printf '%-22s %5s %10s %9s %9s %7s\n' "$label" "$c" \
            "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")" \
            "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" \
            "$(awk '/Non-2xx/ {n = $NF} END {print n + 0}' <<< "$out")"
    }
    echo "closed loop (wrk, 1 thread): requests/s, p50, p99, non-2xx answers"
    for c in 1 16 64; do
        wrk_line "ping (ceiling)" "$c" "$BASE/api/v1/ping"
        wrk_line "evaluate, no record" "$c" -s "$WORK/post.lua" "$BASE/api/v1/evaluations?record=false"
        wrk_line "evaluate, recorded" "$c" -s "$WORK/post.lua" "$BASE/api/v1/evaluations"
    done
else
    java -cp "target/test-classes:target/classes:$CP" cn.panzhihua.scoring.bench.HttpLoad "$BASE" \
         seconds="$SECONDS_PER_RUN" warmup=5 connections=1,16,64
fi
echo "fixed rate (open loop, JDK load generator): evaluations offered at set rates over 64 connections"
java -cp "target/test-classes:target/classes:$CP" cn.panzhihua.scoring.bench.HttpLoad "$BASE" \
     seconds="$SECONDS_PER_RUN" warmup=3 connections=64 rates=500,1000,2000

java -cp "target/test-classes:target/classes:$CP" cn.panzhihua.scoring.bench.Lifecycle "$BASE" pid=$PID rules="$RULES" evaluations=100000
# Collector pauses over the whole run after the restart: what the p99 figures above include.
awk '/Pause/ { kind = ($0 ~ /Pause Full/) ? "full" : "young"; n[kind]++; ms = $NF + 0; sum[kind] += ms;
               if (ms > max[kind]) max[kind] = ms }
     END { for (k in n) printf "GC %s pauses: %d, %.0f ms in all, longest %.1f ms\n", k, n[k], sum[k], max[k] }' "$WORK/gc-restart.log"
