#!/usr/bin/env bash
# Starts a standalone ActiveMQ Artemis broker for Ream Central (system tests, or a
# production-like setup where the broker runs apart from the server).
#
# Usage:
#   artemis/start-external-broker.sh [start] [--daemon] [WORK_DIR]
#   artemis/start-external-broker.sh stop [WORK_DIR]
#   artemis/start-external-broker.sh status [WORK_DIR]
#
# start (the default) runs the broker in the foreground (Ctrl-C stops it); with --daemon
# it runs in the background and the script returns once the broker listens.
#
# Environment:
#   REAM_EXTERNAL_BROKER_DIR  work folder, default <repo>/target/external-artemis
#                             (the WORK_DIR argument wins over it)
#   REAM_BROKER_USER          broker user, default ream        } set when the instance
#   REAM_BROKER_PASSWORD      its password, default ream       } is first created
#   REAM_BROKER_PORT          port of the broker, default 61616 (on 127.0.0.1)
#   REAM_BROKER_HTTP_PORT     port of the Artemis web console, default 8161 (on 127.0.0.1)
#   REAM_BROKER_JAVA_ARGS     extra JVM options for the broker, default -Xms64m -Xmx512m
#
# Everything is idempotent: the distribution is fetched, unpacked and the instance created
# only once; the queues, address settings and ports are applied again at every start.
set -euo pipefail

ARTEMIS_VERSION=2.40.0
ARTIFACT="org.apache.activemq:apache-artemis:${ARTEMIS_VERSION}:tar.gz:bin"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"

command="start"
daemon=false
work_dir="${REAM_EXTERNAL_BROKER_DIR:-${REPO_ROOT}/target/external-artemis}"
for arg in "$@"; do
  case "$arg" in
    start|stop|status) command="$arg" ;;
    --daemon) daemon=true ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "Unknown option: $arg" >&2; exit 2 ;;
    *) work_dir="$arg" ;;
  esac
done

broker_user="${REAM_BROKER_USER:-ream}"
broker_password="${REAM_BROKER_PASSWORD:-ream}"
port="${REAM_BROKER_PORT:-61616}"
http_port="${REAM_BROKER_HTTP_PORT:-8161}"
host=127.0.0.1
url="tcp://${host}:${port}"

[ "$command" = start ] && mkdir -p "$work_dir"
if [ -d "$work_dir" ]; then
  work_dir="$(cd "$work_dir" && pwd)"
fi
artemis_home="${work_dir}/apache-artemis-${ARTEMIS_VERSION}"
instance="${work_dir}/instance"
pid_file="${instance}/data/artemis.pid"   # the file bin/artemis-service uses too

log() { echo "[external-broker] $*"; }

# The pid in the file is ours only if that process is this instance's broker.
running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid="$(cat "$pid_file")"
  # Before bin/artemis execs Java, the process is still the script itself.
  if [ -n "$pid" ] && ps -p "$pid" -o args= 2>/dev/null \
       | grep -qF -e "-Dartemis.instance=${instance}" -e "${instance}/bin/artemis"; then
    echo "$pid"
    return 0
  fi
  rm -f "$pid_file"
  return 1
}

# The URL of the running broker, whose port may differ from REAM_BROKER_PORT now.
instance_url() {
  local p
  p="$(sed -nE 's#.*<acceptor name="artemis">tcp://[^:]+:([0-9]+).*#\1#p' "${instance}/etc/broker.xml" | head -n 1)"
  echo "tcp://${host}:${p:-$port}"
}

port_open() {
  (exec 3<>"/dev/tcp/${host}/$1") 2>/dev/null
}

fetch_distribution() {
  [ -x "${artemis_home}/bin/artemis" ] && return 0
  local download="${work_dir}/download"
  local tarball="${download}/apache-artemis-${ARTEMIS_VERSION}-bin.tar.gz"
  if [ ! -f "$tarball" ]; then
    log "Resolving ${ARTIFACT} through the Maven wrapper"
    mkdir -p "$download"
    # Run where there is no pom.xml: the download then does not depend on the state of the
    # project's build, only on the wrapper and the Maven repositories it is configured for.
    (cd "$download" && "${REPO_ROOT}/mvnw" -q -B \
        "${DEPENDENCY_PLUGIN}:copy" -Dartifact="$ARTIFACT" -DoutputDirectory="$download")
  fi
  log "Unpacking $(basename "$tarball")"
  rm -rf "${artemis_home}.partial"
  mkdir -p "${artemis_home}.partial"
  tar -xzf "$tarball" -C "${artemis_home}.partial" --strip-components=1
  mv "${artemis_home}.partial" "$artemis_home"
}

create_instance() {
  [ -f "${instance}/etc/broker.xml" ] && return 0
  log "Creating the broker instance ${instance}"
  rm -rf "$instance"
  # Extra acceptors are left out: the main acceptor already speaks CORE, AMQP, STOMP,
  # MQTT and OpenWire on one port.
  "${artemis_home}/bin/artemis" create \
      --name ream-central \
      --host "$host" --http-host "$host" \
      --default-port "$port" --http-port "$http_port" \
      --user "$broker_user" --password "$broker_password" --require-login \
      --nio --no-autotune \
      --no-amqp-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-mqtt-acceptor \
      --silent "$instance" >/dev/null
}

# Prints the broker.xml given with one <section>...</section> block replaced by the block of
# the same name from external-broker.xml. Only lines holding nothing but the tag count, so
# a tag named inside a comment is not taken for the section.
replace_section() {
  local section="$1" source="$2"
  local block
  block="$(awk -v s="$section" '
      $0 ~ "^[ \t]*<" s ">[ \t]*$" { copying = 1 }
      copying { print }
      copying && $0 ~ "^[ \t]*</" s ">[ \t]*$" { exit }' "${SCRIPT_DIR}/external-broker.xml")"
  if [ -z "$block" ] || ! grep -qE "^[[:space:]]*<${section}>[[:space:]]*$" "$source"; then
    echo "No <${section}> section to replace in ${source} or external-broker.xml" >&2
    exit 1
  fi
  BLOCK="$block" awk -v s="$section" '
      $0 ~ "^[ \t]*<" s ">[ \t]*$" { print ENVIRON["BLOCK"]; skipping = 1 }
      !skipping { print }
      skipping && $0 ~ "^[ \t]*</" s ">[ \t]*$" { skipping = 0 }' "$source"
}

# etc/broker.xml is rebuilt at every start from the file artemis create wrote (kept as
# etc/broker.xml.created), so starting twice gives the same file. Make lasting changes
# other than queues and address settings in broker.xml.created.
apply_configuration() {
  local etc="${instance}/etc"
  [ -f "${etc}/broker.xml.created" ] || cp "${etc}/broker.xml" "${etc}/broker.xml.created"
  replace_section address-settings "${etc}/broker.xml.created" > "${etc}/broker.xml.step"
  replace_section addresses "${etc}/broker.xml.step" \
    | sed -E "s#(<acceptor name=\"artemis\">tcp://)[^:]+:[0-9]+#\1${host}:${port}#" > "${etc}/broker.xml.new"
  rm -f "${etc}/broker.xml.step"
  mv "${etc}/broker.xml.new" "${etc}/broker.xml"
  sed -i -E "s#(uri=\"http://)[^:]+:[0-9]+#\1${host}:${http_port}#" "${etc}/bootstrap.xml"
}

start() {
  local pid
  if pid="$(running_pid)"; then
    log "Already running (pid ${pid})."
    echo "REAM_BROKER_URL=$(instance_url)"
    return 0
  fi
  if port_open "$port"; then
    echo "Port ${port} on ${host} is taken by another process; set REAM_BROKER_PORT." >&2
    exit 1
  fi
  fetch_distribution
  create_instance
  apply_configuration
  export JAVA_ARGS_APPEND="${REAM_BROKER_JAVA_ARGS:-"-Xms64m -Xmx512m"}"
  mkdir -p "${instance}/data" "${instance}/log"

  if [ "$daemon" = false ]; then
    log "Starting in the foreground; Ctrl-C stops it. Log: ${instance}/log/artemis.log"
    echo "REAM_BROKER_URL=${url}"
    echo $$ > "$pid_file"
    exec "${instance}/bin/artemis" run
  fi

  nohup "${instance}/bin/artemis" run > "${instance}/log/console.out" 2>&1 &
  echo $! > "$pid_file"
  for _ in $(seq 1 120); do
    if ! running_pid >/dev/null; then
      echo "The broker stopped while starting; see ${instance}/log/console.out and artemis.log" >&2
      exit 1
    fi
    if port_open "$port"; then
      log "Running in the background (pid $(cat "$pid_file")). Log: ${instance}/log/artemis.log"
      echo "REAM_BROKER_URL=${url}"
      return 0
    fi
    sleep 0.5
  done
  echo "The broker did not listen on ${url} within 60 s; see ${instance}/log/artemis.log" >&2
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "Not running."
    return 0
  fi
  log "Stopping pid ${pid}"
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    if ! ps -p "$pid" >/dev/null 2>&1; then
      rm -f "$pid_file"
      log "Stopped."
      return 0
    fi
    sleep 0.5
  done
  echo "Pid ${pid} still running after 60 s; it was not killed." >&2
  exit 1
}

status() {
  local pid
  if ! pid="$(running_pid)"; then
    log "Not running."
    return 3
  fi
  local running_url
  running_url="$(instance_url)"
  log "Running (pid ${pid}) at ${running_url}"
  "${instance}/bin/artemis" queue stat --silent \
      --user "$broker_user" --password "$broker_password" --url "$running_url"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
esac
