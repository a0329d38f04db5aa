#!/usr/bin/env bash
# Starts, stops and kills nodes of a 3-node MariaDB Galera cluster on this
# machine, for the cluster test tier and the cluster benchmark. Each node has
# its own data directory, socket and ports under $GALERA_DIR; the cluster is
# bootstrapped from node 1, and each joiner is waited for until it is Synced.
#
#   scripts/galera-cluster.sh start         # a fresh cluster: nodes 1-3 on ports 3311-3313, database `test`
#   scripts/galera-cluster.sh start-node N  # (re)start one node; it rejoins by IST or SST
#   scripts/galera-cluster.sh kill-node N   # kill -9, as a crash would
#   scripts/galera-cluster.sh status        # each node's wsrep state
#   scripts/galera-cluster.sh stop          # SIGTERM to each node, joiners first
#
# Needs galera-4, mariadb-server 10.11, rsync and socat (Debian packages).
set -euo pipefail

GALERA_DIR="${GALERA_DIR:-/tmp/message-stats-galera}"
PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
NODES=(1 2 3)

port() { echo $((3310 + $1)); }          # client port
gcomm() { echo $((4467 + 100 * $1)); }   # group communication
cluster_address() {
  local n addresses=()
  for n in "${NODES[@]}"; do addresses+=("127.0.0.1:$(gcomm "$n")"); done
  (IFS=,; echo "gcomm://${addresses[*]}")
}

node_dir() { echo "$GALERA_DIR/node$1"; }
pid_of() { cat "$(node_dir "$1")/mariadbd.pid" 2>/dev/null || true; }
alive() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

sql() {
  timeout 10 mariadb --connect-timeout=2 --host=127.0.0.1 --port="$(port "$1")" --user=root \
    --batch --skip-column-names -e "$2"
}

state() { sql "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2; }

write_config() {
  local n=$1 dir g
  dir="$(node_dir "$n")"
  g="$(gcomm "$n")"
  cat >"$dir/my.cnf" <<EOF
[mariadbd]
user=mysql
datadir=$dir/data
socket=$dir/mariadbd.sock
pid-file=$dir/mariadbd.pid
log-error=$dir/error.log
bind-address=127.0.0.1
port=$(port "$n")
skip-name-resolve
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
max_connections=300
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=message-stats
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$g
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1))"
wsrep_sst_receive_address=127.0.0.1:$((g + 2))
wsrep_sst_method=rsync
EOF
}

init_node() {
  local n=$1 dir
  dir="$(node_dir "$n")"
  mkdir -p "$dir/data"
  chown -R mysql:mysql "$dir"
  write_config "$n"
  mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
}

wait_for() {
  local n=$1 wanted=$2 seconds=${3:-90}
  for _ in $(seq 1 $((seconds * 4))); do
    [ "$(state "$n")" = "$wanted" ] && return 0
    alive "$n" || { echo "node $n died; its log:" >&2; tail -30 "$(node_dir "$n")/error.log" >&2; return 1; }
    sleep 0.25
  done
  echo "node $n not $wanted after $seconds s; its log:" >&2
  tail -30 "$(node_dir "$n")/error.log" >&2
  return 1
}

launch() {
  local n=$1; shift
  /usr/sbin/mariadbd --defaults-file="$(node_dir "$n")/my.cnf" "$@" >/dev/null 2>&1 &
  # mariadbd writes its pid file only after the state transfer (which runs
  # before the storage engines start, and took 11 s on a loaded machine):
  # until then the pid of the process just started stands in, or a joiner
  # still receiving its state would be taken for dead.
  # mariadbd (user mysql by then) overwrites it, so it must be the file's owner.
  echo $! >"$(node_dir "$n")/mariadbd.pid"
  chown mysql:mysql "$(node_dir "$n")/mariadbd.pid"
}

# A node that crashed (kill -9) left no position in grastate.dat: without
# one it would ask for a full state transfer (SST), which blocks its donor,
# and galera 26.4.23 was seen to spin after one, never Synced. Recovered from
# InnoDB as the packaged galera_recovery does, the position lets it catch up
# by IST: the donor's cache of the write sets it missed.
recovered_position() {
  local dir log
  dir="$(node_dir "$1")"
  grep -q '^seqno: *-1' "$dir/data/grastate.dat" 2>/dev/null || return 0
  log="$dir/recover.log"
  /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" --wsrep-recover --log-error="$log" >/dev/null 2>&1 || true
  sed -n 's/.*WSREP: Recovered position: *//p' "$log" | tail -1
}

start_node() {
  local n=$1 position
  alive "$n" && return 0
  rm -f "$(node_dir "$n")/mariadbd.pid"
  position="$(recovered_position "$n")"
  if [ -n "$position" ]; then
    launch "$n" --wsrep-start-position="$position"
  else
    launch "$n"
  fi
  wait_for "$n" Synced
}

kill_node() {
  local pid
  pid="$(pid_of "$1")"
  [ -n "$pid" ] || return 0
  kill -KILL "$pid" 2>/dev/null || return 0
  # Gone, ports and all, before anyone restarts it.
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

start() {
  # Always a fresh cluster: one left running by an earlier run goes first.
  local n
  for n in 3 2 1; do stop_node "$n"; done
  rm -rf "$GALERA_DIR"
  mkdir -p "$GALERA_DIR"
  chmod 755 "$GALERA_DIR"
  for n in "${NODES[@]}"; do init_node "$n"; done
  launch 1 --wsrep-new-cluster
  wait_for 1 Synced
  for n in 2 3; do
    launch "$n"
    wait_for "$n" Synced
  done
  sql 1 'CREATE DATABASE IF NOT EXISTS test'
  echo "cluster up: 127.0.0.1:$(port 1), :$(port 2), :$(port 3) (size $(sql 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2))"
}

stop_node() {
  local n=$1 pid
  pid="$(pid_of "$n")"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  start-node) start_node "${2:?node number}" ;;
  kill-node) kill_node "${2:?node number}" ;;
  stop) for n in 3 2 1; do stop_node "$n"; done ;;
  status)
    for n in "${NODES[@]}"; do
      if alive "$n"; then echo "node $n (:$(port "$n")): $(state "$n")"; else echo "node $n: down"; fi
    done
    ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
