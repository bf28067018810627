#!/usr/bin/env bash
# Times every console page against the packaged service for a record of about 60 trail entries
# (BENCHMARKS.md, "Console pages"). Loopback only, a free port, its own data folder.
# Usage: benchmarks/console-pages.sh [timed requests per page, default 50]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-50}
WORK=$(mktemp -d /tmp/console-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx96m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B -ntp -DskipTests package

# shellcheck disable=SC2086
java $JAVA_OPTS -Dquarkus.profile=demo -Dquarkus.http.port=$PORT -Ddata.dir="$WORK/data" -Drules.dir="$PWD/rules-drl" \
     -Dservice.key-file="$WORK/service-key.pem" -Drules.watch.enabled=false -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "$BASE/q/health/ready" > /dev/null; do
    kill -0 $PID 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
    sleep 0.1
done

# 14 findings, 40 adoptions (some with a leader's instruction), a short month: ~60 trail entries
python3 - "$WORK/request.json" <<'PY'
import json, sys
adoptions = [{"channel": "CITY_BULLETIN", "date": "2016-%02d-%02d" % (1 + i % 12, 1 + i % 28), "title": "采用信息 第%d条" % (i + 1),
              "leaderInstruction": "MUNICIPAL" if i % 8 == 0 else "NONE"} for i in range(30)]
adoptions += [{"channel": "PROVINCE_MORNING_BRIEF", "date": "2016-%02d-15" % (1 + i), "title": "川政晨讯 第%d条" % (i + 1)} for i in range(6)]
findings = [{"code": c, "note": "检查发现 " + c, "origin": "SPOT_CHECK"} for c in
            ["D-1.1", "D-1.2", "D-2.1", "D-2.3", "D-3.1", "D-3.2.1", "D-3.2.4", "D-4.2", "I-2.1-DUP"]]
findings += [{"code": "E-1", "count": 2}, {"code": "E-2", "count": 3}, {"code": "E-5"}]
body = {"unit": "市政府办公室", "year": 2016, "findings": findings,
        "selfScores": {"D-1": 10, "E-1": 20},
        "information": {"monthlySubmissions": [6, 7, 6, 8, 6, 6, 9, 6, 6, 5, 6, 7], "adoptions": adoptions}}
json.dump(body, open(sys.argv[1], "w"), ensure_ascii=False)
PY
ID=$(curl -sf -u evaluator:evaluator-dev -H 'Content-Type: application/json' --data-binary @"$WORK/request.json" "$BASE/api/v1/evaluations" \
     | python3 -c 'import json, sys; r = json.load(sys.stdin); print(r["evaluationId"]); print(len(r["trail"]), "trail entries", file=sys.stderr)')
curl -sf -c "$WORK/jar" -o /dev/null -d j_username=auditor -d j_password=auditor-dev "$BASE/j_security_check"
curl -sf -c "$WORK/jar.author" -o /dev/null -d j_username=author -d j_password=author-dev "$BASE/j_security_check"

time_page() { # $1 label, $2 cookie jar, $3 method, $4 path
    local first
    first=$(curl -s -o /dev/null -b "$2" -X "$3" -w '%{time_total}' "$BASE$4")
    for _ in $(seq 20); do curl -s -o /dev/null -b "$2" -X "$3" "$BASE$4"; done
    for _ in $(seq "$RUNS"); do curl -s -o /dev/null -b "$2" -X "$3" -w '%{time_total}\n' "$BASE$4"; done \
        | sort -n | awk -v label="$1" -v first="$first" '{ t[NR] = $1 * 1000 } END {
            printf "| %-28s | %7.1f | %6.1f | %6.1f | %6.1f |\n", label, first * 1000, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR] }'
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| page | first ms | p50 ms | p95 ms | max ms |"
echo "|---|---:|---:|---:|---:|"
time_page "/ (front page)" "$WORK/jar" GET "/"
time_page "evaluations search" "$WORK/jar" GET "/console/evaluations?unit=%E5%B8%82%E6%94%BF%E5%BA%9C%E5%8A%9E%E5%85%AC%E5%AE%A4&year=2016"
time_page "record (考评表 + trail)" "$WORK/jar" GET "/console/evaluations/$ID"
time_page "replay (POST)" "$WORK/jar" POST "/console/evaluations/$ID/replay"
time_page "record PDF" "$WORK/jar" GET "/console/evaluations/$ID/pdf"
time_page "通报 (city table)" "$WORK/jar" GET "/console/reports?year=2016"
time_page "rulebooks" "$WORK/jar.author" GET "/console/rulebooks"
time_page "rules of 2016 + coverage" "$WORK/jar.author" GET "/console/rulebooks/2016"
time_page "one rule" "$WORK/jar.author" GET "/console/rulebooks/2016/rules?name=D-1.2%20%E6%97%A0%E5%8A%9E%E5%85%AC%E6%9D%A1%E4%BB%B6%E3%80%81%E7%BB%8F%E8%B4%B9%E4%BF%9D%E9%9A%9C%E6%88%96%E6%9C%AA%E5%8F%82%E5%8A%A0%E4%B8%93%E9%A2%98%E5%9F%B9%E8%AE%AD"
time_page "chain (1 record)" "$WORK/jar" GET "/console/chain"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
