# Shared helpers for the benchmarks in bench/. Source it, do not run it.
#
# It is the one place that knows how to start the packaged server (JVM options,
# environment, readiness) so that every benchmark starts it the same way.
# Needs bash 4+, curl, coreutils (date, sleep), procfs.

# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"

# JVM options the server needs: where libfbclient lives (embedded Firebird through
# JNA), and no Jaybird native shutdown hook, which otherwise races Agroal at exit
# and crashes the JVM in isc_detach_database. JAVA_OPTS in the environment, when
# set, replaces them (e.g. to try heap settings); it is applied to the baseline too.
REAM_JAVA_OPTS_DEFAULT="-Djna.library.path=/usr/lib/x86_64-linux-gnu -Dorg.firebirdsql.nativeResourceShutdownDisabled=true"
REAM_JAVA_OPTS="${JAVA_OPTS:-$REAM_JAVA_OPTS_DEFAULT}"

SERVER_JAR="$REPO_ROOT/target/quarkus-app/quarkus-run.jar"

# Class-data sharing: the server's build writes target/quarkus-app/app-cds.jsa (see
# src/main/appcds/train.sh) and ./ream starts with it; so that a comparison with another
# app stays like for like, ensure_cds_archive gives that app an archive of its own made the
# same way (one training start). BENCH_CDS=0 measures every app without an archive.
BENCH_CDS="${BENCH_CDS:-1}"
READY_PATH="/q/health/ready"
START_TIMEOUT_S="${BENCH_START_TIMEOUT:-60}"
STOP_TIMEOUT_S=30

BENCH_SCALE="${BENCH_SCALE:-small}"
case "$BENCH_SCALE" in
  small|full) ;;
  *) echo "ERROR: BENCH_SCALE must be 'small' or 'full', not '$BENCH_SCALE'" >&2; exit 2 ;;
esac

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --- temporary files and processes: everything is undone on exit ------------

BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/ream-bench.XXXXXX")"
BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      local i
      for (( i = 0; i < STOP_TIMEOUT_S * 10; i++ )); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
  rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- builds -----------------------------------------------------------------

# Packages the server from the repository root if its jar is missing.
ensure_server_jar() {
  [[ -f "$SERVER_JAR" ]] && { warn_if_stale; return 0; }
  [[ "${BENCH_SKIP_BUILD:-0}" == 1 ]] \
    && die "server not packaged ($SERVER_JAR missing) and BENCH_SKIP_BUILD=1; run ./mvnw -B package -DskipTests first"
  log "server jar missing: packaging it (./mvnw -q -B package -DskipTests)"
  (cd "$REPO_ROOT" && ./mvnw -q -B package -DskipTests) >"$BENCH_TMP/server-build.log" 2>&1 \
    || { tail -n 40 "$BENCH_TMP/server-build.log" >&2; die "server build failed"; }
  [[ -f "$SERVER_JAR" ]] || die "build finished but $SERVER_JAR is still missing"
}

# A benchmark of an old jar measures the wrong thing: say so, without rebuilding.
warn_if_stale() {
  local newer
  newer="$(cd "$REPO_ROOT" && find pom.xml src routes processors resources -newer "$SERVER_JAR" -type f 2>/dev/null | head -n 3)"
  [[ -n "$newer" ]] && log "note: sources changed since the server was packaged (e.g. ${newer//$'\n'/, }); the jar is measured as is"
  return 0
}

# Packages a bench/<project> Maven project (quietly) when its jar is missing or older than its pom.
ensure_bench_app() {
  local project="$BENCH_DIR/$1" jar="$BENCH_DIR/$1/target/quarkus-app/quarkus-run.jar"
  if [[ -f "$jar" && ! "$project/pom.xml" -nt "$jar" ]]; then return 0; fi
  [[ "${BENCH_SKIP_BUILD:-0}" == 1 && -f "$jar" ]] && return 0
  [[ "${BENCH_SKIP_BUILD:-0}" == 1 ]] && die "$jar missing and BENCH_SKIP_BUILD=1"
  log "packaging bench/$1"
  "$REPO_ROOT/mvnw" -q -B -f "$project/pom.xml" package -DskipTests >"$BENCH_TMP/$1-build.log" 2>&1 \
    || { tail -n 40 "$BENCH_TMP/$1-build.log" >&2; die "build of bench/$1 failed"; }
  [[ -f "$jar" ]] || die "build finished but $jar is still missing"
}

# Makes <dir of jar>/app-cds.jsa for a bench app by one training start (ready, then stopped)
# when it is missing or older than the jar. Not for the server: its build makes its own.
ensure_cds_archive() {
  local label="$1" jar="$2" archive
  archive="$(dirname "$jar")/app-cds.jsa"
  [[ "$BENCH_CDS" == 1 ]] || return 0
  [[ -f "$archive" && ! "$jar" -nt "$archive" ]] && return 0
  log "recording the class-data-sharing archive of $label (one training start)"
  rm -f "$archive"
  APP_TRAIN_CDS=1 start_app "$label-cds-training" "$jar" ""
  wait_ready "$label-cds-training"
  stop_app
  [[ -f "$archive" ]] || log "warning: no archive written for $label; it runs without one"
}

# --- ports ------------------------------------------------------------------

port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# A free loopback port below the kernel's ephemeral range, so that outgoing
# connections made meanwhile cannot take it.
free_port() {
  local port i
  for (( i = 0; i < 200; i++ )); do
    port=$(( 20000 + RANDOM % 12000 ))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  die "no free port found"
}

# --- one start of an app ------------------------------------------------------

# The functions below set globals (APP_*, READY_MS, RSS_MB, STOP_RC) rather than
# print results: they must run in this shell, not in $( ), to wait for their process.

# start_app <label> <jar> <data-dir or ""> : starts the jar from an empty working
# folder (so no config/application.properties of the caller's is picked up), on
# 127.0.0.1 and a free port, with the embedded defaults (REAM_DB_* / REAM_BROKER_URL
# pointing elsewhere are removed). Sets APP_PID, APP_PORT, APP_LOG, APP_T0_MS.
start_app() {
  local label="$1" jar="$2" data="$3"
  local workdir
  workdir="$(mktemp -d "$BENCH_TMP/$label.XXXX")"
  APP_LOG="$workdir/console.log"
  APP_PORT="$(free_port)" || exit 1
  local -a envs=(QUARKUS_HTTP_HOST=127.0.0.1 "QUARKUS_HTTP_PORT=$APP_PORT")
  [[ -n "$data" ]] && envs+=("REAM_DATA_DIR=$data")
  local -a cds=()
  local archive
  archive="$(dirname "$jar")/app-cds.jsa"
  if [[ -n "${APP_TRAIN_CDS:-}" ]]; then
    cds=("-XX:ArchiveClassesAtExit=$archive")
  elif [[ "$BENCH_CDS" == 1 && -f "$archive" ]]; then
    cds=("-XX:SharedArchiveFile=$archive")
  fi
  APP_T0_MS="$(now_ms)"
  # shellcheck disable=SC2086  # REAM_JAVA_OPTS is a list of options
  ( cd "$workdir" && exec env -u REAM_DB_URL -u REAM_DB_LOG_URL -u REAM_BROKER_URL \
      "${envs[@]}" java $REAM_JAVA_OPTS "${cds[@]}" -jar "$jar" ) >"$APP_LOG" 2>&1 &
  APP_PID=$!
  BENCH_PIDS+=("$APP_PID")
}

# Waits for the first 200 of the readiness URL (polled every 20 ms); sets READY_MS,
# the milliseconds since start_app. Fails clearly if the process dies or the timeout passes.
wait_ready() {
  local label="$1" deadline code
  deadline=$(( APP_T0_MS + START_TIMEOUT_S * 1000 ))
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$APP_PORT$READY_PATH" 2>/dev/null)"
    if [[ "$code" == 200 ]]; then
      READY_MS=$(( $(now_ms) - APP_T0_MS ))
      return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      wait "$APP_PID" 2>/dev/null
      local rc=$?
      echo "---- last lines of the $label console ----" >&2
      tail -n 30 "$APP_LOG" >&2
      die "$label exited ($(exit_reason "$rc")) before $READY_PATH answered 200"
    fi
    if (( $(now_ms) > deadline )); then
      echo "---- last lines of the $label console ----" >&2
      tail -n 30 "$APP_LOG" >&2
      die "$label not ready within ${START_TIMEOUT_S} s (last answer of $READY_PATH: ${code:-none}); stopped it"
    fi
    sleep 0.02
  done
}

# Words for an exit status the benchmark did not cause.
exit_reason() {
  case "$1" in
    143) echo "status 143: SIGTERM from outside this benchmark" ;;
    137) echo "status 137: SIGKILL from outside this benchmark, or out of memory" ;;
    134) echo "status 134: the JVM aborted, look for an hs_err file" ;;
    *)   echo "status $1" ;;
  esac
}

# Resident memory of the running app: sets RSS_MB (MiB, from VmRSS).
read_rss() {
  local kb
  kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null)"
  if [[ -z "$kb" ]]; then
    wait "$APP_PID" 2>/dev/null
    local rc=$?
    echo "---- last lines of its console ----" >&2
    tail -n 30 "$APP_LOG" >&2
    die "pid $APP_PID exited ($(exit_reason "$rc")) while idle, after it was ready: no RSS to read"
  fi
  RSS_MB=$(( (kb + 512) / 1024 ))
}

# Stops the app with SIGTERM and waits (SIGKILL after STOP_TIMEOUT_S). Sets STOP_RC,
# its exit status: 0 or 143 is a clean stop; anything else (134 = JVM abort) is not.
stop_app() {
  local i
  kill -TERM "$APP_PID" 2>/dev/null
  for (( i = 0; i < STOP_TIMEOUT_S * 50; i++ )); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.02
  done
  if kill -0 "$APP_PID" 2>/dev/null; then
    log "pid $APP_PID did not stop within ${STOP_TIMEOUT_S} s of SIGTERM: killing it"
    kill -KILL "$APP_PID" 2>/dev/null
  fi
  wait "$APP_PID" 2>/dev/null
  STOP_RC=$?
  local -a kept=()
  local p
  for p in "${BENCH_PIDS[@]}"; do [[ "$p" != "$APP_PID" ]] && kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

# --- statistics -------------------------------------------------------------

# median/min/max of integers given as arguments: prints "median min max".
stats() {
  printf '%s\n' "$@" | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "- - -"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%d %d %d\n", m, v[1], v[NR]
    }'
}
