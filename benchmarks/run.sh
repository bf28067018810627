#!/usr/bin/env bash
# Reruns the HTTP and lifecycle benchmarks of BENCHMARKS.md against the packaged service on this
# machine (loopback only). The in-process JMH benchmarks are separate:
#   ./mvnw -Pbench test-compile exec:exec@jmh
# Usage: [JAVA_OPTS="-Xmx160m ..."] benchmarks/run.sh [seconds per HTTP measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
PORT=8089
DATA=$(mktemp -d /tmp/rubric-bench.XXXXXX)

./mvnw -q -DskipTests package
./mvnw -q -Pbench test-compile

start_ns=$(date +%s%N)
java ${JAVA_OPTS:-} -Dquarkus.http.port=$PORT -Ddata.dir="$DATA" -Drules.watch.enabled=false \
     -jar target/quarkus-app/quarkus-run.jar > "$DATA/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
    kill -0 $PID 2>/dev/null || { cat "$DATA/service.log"; exit 1; }
    sleep 0.02
done
echo "start to ready: $(( ($(date +%s%N) - start_ns) / 1000000 )) ms (process start to the first ready answer)"
grep -o 'rulebook 2016-[0-9a-f]* loaded.*' "$DATA/service.log" | sed 's/^/compile at start: /'

./mvnw -q -Pbench exec:exec@http -Dhttp.args="http://127.0.0.1:$PORT seconds=$SECONDS_PER_RUN warmup=5 connections=1,16,64"
CP=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "target/test-classes:target/classes:$CP" cn.panzhihua.scoring.bench.Lifecycle "http://127.0.0.1:$PORT" pid=$PID evaluations=100000
