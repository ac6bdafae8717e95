#!/bin/bash
# Writes the fixtures of the runit and supervisord collectors.
#
# runit: a service directory whose supervise/status records are written by hand from runit's
# format (runsv.c's update_status: 12 bytes TAI64N of the last change, the pid little-endian, then
# the paused, want ('u'/'d'), term and state bytes), not captured: a live record carries the time of
# its last change, and the golden test needs fixed ones.
#
# supervisord: supervisor.getAllProcessInfo as this machine's supervisord (Debian's supervisor
# package) answers it, captured from a temporary supervisord with one running and one stopped
# program.
set -euo pipefail
F=$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/fixtures

byte() { printf "\\x$(printf %02x "$1")"; }
be64() { local v=$1 i; for i in 56 48 40 32 24 16 8 0; do byte $(( (v >> i) & 255 )); done; }
le32() { local v=$1 i; for i in 0 8 16 24; do byte $(( (v >> i) & 255 )); done; }
be32() { local v=$1 i; for i in 24 16 8 0; do byte $(( (v >> i) & 255 )); done; }
# status FILE UNIX-SECONDS NANOS PID PAUSED WANT TERM STATE
status() {
  mkdir -p "$(dirname "$1")"
  { be64 $(( (1 << 62) + 10 + $2 )); be32 "$3"; le32 "$4"; byte "$5"; printf '%s' "$6"; byte "$7"; byte "$8"; } > "$1"
}

R=$F/runit
rm -rf "$R"
S=$R/service
mkdir -p "$S"
# up since 2026-01-02T03:04:05.5Z
status "$S/running/supervise/status" 1767323045 500000000 4242 0 u 0 1
# down since 2026-01-02T00:00:00Z with its down file: go-runit looks for "down" in supervise/, so
# upstream still calls it normally up
status "$S/stopped/supervise/status" 1767312000 0 0 0 d 0 0
touch "$S/stopped/down"
# the finish script running, paused and sent a TERM (flags upstream does not read)
status "$S/finishing/supervise/status" 1767323000 0 77 1 u 1 2
# a down file where go-runit looks for it
status "$S/marked/supervise/status" 1767312000 0 0 0 d 0 0
touch "$S/marked/supervise/down"
# a symbolic link to a service kept elsewhere, as /etc/service usually holds them
status "$R/sv/linked/supervise/status" 1767225600 0 31337 0 u 0 1
ln -s ../sv/linked "$S/linked"
# a record cut after its timestamp: go-runit reads the missing bytes as zeros
status "$R/short.tmp" 1767225600 0 0 0 d 0 0
mkdir -p "$S/short/supervise"
head -c 12 "$R/short.tmp" > "$S/short/supervise/status"
rm "$R/short.tmp"
# skipped: an empty record, a service never supervised, a plain file
mkdir -p "$S/empty/supervise" "$S/unsupervised"
: > "$S/empty/supervise/status"
touch "$S/unsupervised/run"
echo "not a service" > "$S/README"

# supervisord
T=$(mktemp -d)
trap 'kill $(cat "$T/supervisord.pid" 2>/dev/null) 2>/dev/null || true; sleep 1; rm -rf "$T"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$T/supervisord.conf" <<X
[supervisord]
nodaemon=false
logfile=$T/supervisord.log
pidfile=$T/supervisord.pid
childlogdir=$T
[inet_http_server]
port=127.0.0.1:$port
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:runner]
command=/bin/sleep 100000
startsecs=1
[program:idle]
command=/bin/sleep 100000
autostart=false
X
supervisord -c "$T/supervisord.conf"
sleep 3
mkdir -p "$F/supervisord"
curl -sf -H 'Content-Type: text/xml' --data '<?xml version="1.0"?><methodCall><methodName>supervisor.getAllProcessInfo</methodName><params></params></methodCall>' \
  "http://127.0.0.1:$port/RPC2" > "$F/supervisord/getAllProcessInfo.xml"
curl -sf -H 'Content-Type: text/xml' --data '<?xml version="1.0"?><methodCall><methodName>supervisor.stopProcess</methodName><params><param><value><string>nosuch</string></value></param></params></methodCall>' \
  "http://127.0.0.1:$port/RPC2" > "$F/supervisord/fault.xml"
