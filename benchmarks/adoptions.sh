#!/usr/bin/env bash
# The adoption ledger's figures of BENCHMARKS.md (issue 21): import of a 20,000-row CSV (preview, then commit)
# and the quarterly 通报 over the 72 units (11 runs, median) on that ledger. Packaged service, demo
# profile, H2 in a fresh work folder, loopback only, a free port; the service is stopped at the end.
# Usage: benchmarks/adoptions.sh [rows]      (packages the application first unless NO_PACKAGE=1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-20000}
echo "load before: $(uptime)"
WORK=$(mktemp -d /tmp/rubric-adoptions-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx256m"}
[ "${NO_PACKAGE:-0}" = 1 ] || ./mvnw -q -o -DskipTests package

PID=
trap 'if [ -n "$PID" ]; then kill $PID 2>/dev/null || true; fi' EXIT
# shellcheck disable=SC2086
java $JAVA_OPTS -Dquarkus.profile=demo -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$PORT -Ddata.dir="$WORK/data" \
     -Dservice.key.generate=true -Dservice.key-file="$WORK/service-key.pem" -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
    kill -0 $PID 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
    sleep 0.2
done

# a year of the section's sheet: the 72 units of table C in turn, municipal and provincial channels, distinct titles
python3 - "$ROWS" > "$WORK/ledger.csv" <<'PY'
import sys, datetime
rows = int(sys.argv[1])
units = [l.split('\t')[0] for l in open('rules-drl/2016/units.tsv', encoding='utf-8')
         if l.strip() and not l.startswith('#') and not l.startswith('name\t')]
channels = ['《攀政快讯》', '攀政快讯特刊', '川政晨讯', '国办动态', '政务工作交流']
print('\ufeff单位,刊物/渠道,期号,日期,标题,领导批示')
start = datetime.date(2016, 1, 1)
for i in range(rows):
    day = start + datetime.timedelta(days=i % 366)
    print(f"{units[i % len(units)]},{channels[i % len(channels)]},,{day.year}年{day.month}月{day.day}日,信息{i},{'市级' if i % 7 == 0 else ''}")
PY
echo "file: $ROWS rows, $(wc -c < "$WORK/ledger.csv") bytes"
URL="http://127.0.0.1:$PORT/api/v1/adoptions/2016"
AUTH="evaluator:evaluator-dev"
timed() { curl -s -o "$WORK/out.json" -w '%{http_code} %{time_total}\n' -u "$AUTH" "$@"; }
echo "preview: $(timed -H 'Content-Type: text/csv; charset=UTF-8' --data-binary @"$WORK/ledger.csv" "$URL/import")"
echo "commit:  $(timed -H 'Content-Type: text/csv; charset=UTF-8' --data-binary @"$WORK/ledger.csv" "$URL/import?commit=true")"
python3 -c "import json; v=json.load(open('$WORK/out.json')); print('  added', v.get('added'), 'refused', v.get('refused'))"
echo "again:   $(timed -H 'Content-Type: text/csv; charset=UTF-8' --data-binary @"$WORK/ledger.csv" "$URL/import?commit=true")"
python3 -c "import json; v=json.load(open('$WORK/out.json')); print('  added', v.get('added'), 'alreadyEntered', v.get('alreadyEntered'))"
for i in $(seq 1 11); do timed "$URL/quarters/4" | awk '{print $2}'; done | sort -n > "$WORK/quarters.txt"
echo "quarter 4 (72 units, 11 runs): median $(sed -n 6p "$WORK/quarters.txt") s, min $(head -1 "$WORK/quarters.txt") s, max $(tail -1 "$WORK/quarters.txt") s"
echo "load after: $(uptime)"
kill $PID; wait $PID 2>/dev/null || true; PID=
rm -rf "$WORK"
