#!/usr/bin/env bash
# Start to ready of the packaged service, first start (a fresh data folder: the DRL is compiled), with
# the production JVM options; prints wall time and the CPU the process used until ready. Extra JVM
# options are passed on, e.g. an AppCDS archive:
#   benchmarks/start.sh                                           # as built
#   benchmarks/start.sh -XX:ArchiveClassesAtExit=/tmp/app.jsa     # a training run that writes an archive
#   benchmarks/start.sh -XX:SharedArchiveFile=/tmp/app.jsa        # a start that uses it
# Build first: ./mvnw -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/start-bench.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start=$(date +%s%N)
MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmx96m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Xss512k "$@" \
    -Dquarkus.profile=demo -Dquarkus.http.port="$port" -Ddata.dir="$dir/data" -Dservice.key-file="$dir/key.pem" \
    -Drules.dir="$PWD/rules-drl" -jar target/quarkus-app/quarkus-run.jar > "$dir/log" 2>&1 &
pid=$!
until curl -sf "127.0.0.1:$port/q/health/ready" > /dev/null; do
    kill -0 "$pid" 2> /dev/null || { cat "$dir/log"; exit 1; }
    sleep 0.02
done
end=$(date +%s%N)
cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$pid/stat")   # utime + stime, in ms at 100 ticks/s
echo "ready in $(( (end - start) / 1000000 )) ms, CPU $cpu ms, load $(cut -d' ' -f1 /proc/loadavg);" \
     "$(grep -o 'started in [0-9.]*s' "$dir/log"); rulebook $(grep -o 'units ([0-9]* ms)' "$dir/log")"
kill -TERM "$pid"; wait "$pid" 2> /dev/null || true
rm -rf "$dir"
