#!/usr/bin/env bash
# Writes target/quarkus-app/app-cds.jsa: a class-data-sharing archive of the classes one
# start of the packaged server loads (Quarkus, Camel, Artemis, Jaybird, Hawtio...). With it
# the JVM maps ~10,000 classes instead of loading and verifying them from the jars, which
# takes about a second off every start (see bench/README.md). Run by `./mvnw package`.
#
#   train.sh <quarkus-app dir> <Firebird lib dir>
#   -Dappcds.skip=true (Maven) skips it; the server then starts without an archive.
#
# The archive is only valid for this JDK and these exact jars, so it is made here, after
# packaging, on the machine that runs the server; the launchers (./ream, bench/lib.sh) use it
# when it is present. A JVM that finds it stale says so in one warning line and starts anyway.
set -uo pipefail

APP_DIR="$(cd "$1" && pwd)"
FIREBIRD_LIB="$2"
JAR="$APP_DIR/quarkus-run.jar"
ARCHIVE="$APP_DIR/app-cds.jsa"
say() { echo "[appcds] $*"; }

rm -f "$ARCHIVE" # never leave an archive of older jars behind
if [ ! -e "$FIREBIRD_LIB/libfbclient.so.2" ]; then
    say "skipped: no Firebird engine in $FIREBIRD_LIB to run the training start (the server works without the archive)"
    exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ream-appcds.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# A start on an empty data folder on a free loopback port, stopped as soon as it is up:
# the archive is written when the JVM exits.
REAM_DATA_DIR="$WORK/data" java -XX:ArchiveClassesAtExit="$ARCHIVE" \
    -Djna.library.path="$FIREBIRD_LIB" -Dorg.firebirdsql.nativeResourceShutdownDisabled=true \
    -Dquarkus.http.port=0 -Dquarkus.http.host=127.0.0.1 \
    -jar "$JAR" >"$WORK/server.log" 2>&1 &
pid=$!
for (( i = 0; i < 1200; i++ )); do
    grep -qs ' started in ' "$WORK/server.log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
port=$(sed -nE 's/.*Listening on: http:\/\/[0-9.]+:([0-9]+).*/\1/p' "$WORK/server.log" | head -n 1)
if [ -n "$port" ] && command -v curl >/dev/null; then
    # The first requests load the web stack's classes too.
    for path in / /q/health/ready /api/public/info /js/app.js; do
        curl -s -o /dev/null "http://127.0.0.1:$port$path" || true
    done
fi
kill -TERM "$pid" 2>/dev/null
wait "$pid"
if [ -s "$ARCHIVE" ]; then
    say "wrote $ARCHIVE ($(( $(stat -c %s "$ARCHIVE") / 1048576 )) MB)"
else
    say "no archive written (the training start failed; the server works without it). Its log:"
    tail -n 20 "$WORK/server.log"
fi
exit 0
