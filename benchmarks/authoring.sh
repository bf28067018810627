#!/usr/bin/env bash
# The rule authors' figures of BENCHMARKS.md ("Authoring"): restart to ready (with the start-up gate),
# reloads after an edit (the first after a restart included), the watcher's save-to-serving time, and
# the command-line tool's cold runs. Loopback only, a free port, a copy of rules-drl/ (it is edited).
# Usage: benchmarks/authoring.sh            (packages the application first)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load before: $(uptime)"
WORK=$(mktemp -d /tmp/rubric-authoring-bench.XXXXXX)
RULES="$WORK/rules-drl"
cp -r rules-drl "$RULES"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx96m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

./mvnw -q -DskipTests package
./mvnw -q -Pbench test-compile
CP=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test):target/test-classes

PID=
trap 'if [ -n "$PID" ]; then kill $PID 2>/dev/null || true; fi' EXIT
start_service() { # $1: what this start is, $2: log name, $3: watcher on/off
    local start_ns
    start_ns=$(date +%s%N)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Dquarkus.profile=demo -Dquarkus.http.port=$PORT -Ddata.dir="$WORK/data" -Drules.dir="$RULES" -Dservice.key.generate=true \
         -Dservice.key-file="$WORK/service-key.pem" -Drules.watch.enabled="$3" \
         -jar target/quarkus-app/quarkus-run.jar > "$WORK/service-$2.log" 2>&1 &
    PID=$!
    until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
        kill -0 $PID 2>/dev/null || { cat "$WORK/service-$2.log"; exit 1; }
        sleep 0.02
    done
    echo "start to ready, $1: $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"
    grep -o 'rulebook 2016-[0-9a-f]* serves.*' "$WORK/service-$2.log" | sed 's/^/  /'
}
stop_service() {
    kill $PID; wait $PID 2>/dev/null || true; PID=
}
bench() {
    java -cp "$CP" cn.panzhihua.scoring.bench.ReloadBench "http://127.0.0.1:$PORT" rules="$RULES" "$@"
}

start_service "first start (DRL compiled, 261 scenarios)" first false
stop_service
for i in 1 2 3; do
    start_service "restart $i (compiled rules read back and authenticated, 261 scenarios)" restart-$i false
    stop_service
done
start_service "restart (reloads)" reloads false
sleep 15  # the gate runs again in the background after start-up, warming the compiler and the scenarios
bench edits=20
stop_service
start_service "restart (watcher)" watcher true
sleep 15
bench watcher=true saves=10
stop_service

echo
echo "command-line tool (bin/rulebook), cold JVM each run:"
export XDG_CACHE_HOME="$WORK/tool-cache"
run_tool() { # $1: what this run is, then the tool's arguments
    local what=$1; shift
    local start_ns
    start_ns=$(date +%s%N)
    bin/rulebook "$@" > "$WORK/tool.out" 2>&1 || true
    echo "  $what: $(( ($(date +%s%N) - start_ns) / 1000000 )) ms wall — $(tail -1 "$WORK/tool.out")"
}
run_tool "first run ever (no class archive, nothing compiled)" test "$RULES/2016"
run_tool "second run (makes the class archive once)" test "$RULES/2016"
for i in 1 2 3; do
    run_tool "full year, nothing changed ($i)" test "$RULES/2016"
done
for i in 1 2 3; do
    echo "// edit $i" >> "$RULES/2016/efficiency/table.drl"
    run_tool "full year after an edit of efficiency/table.drl ($i)" test "$RULES/2016"
done
for i in 1 2 3; do
    run_tool "filtered (--filter E-CAP) ($i)" test "$RULES/2016" --filter E-CAP
done
echo "load after: $(uptime)"
rm -rf "$WORK"
