#!/usr/bin/env bash
# The whole test suite. Installs, with apt-get, the Debian packages the tests compare against
# (node_exporter 1.5, process-exporter 0.7.10, Prometheus and promtool, curl, openssl, ss, unshare,
# mkfs.btrfs for the btrfs collector's live test)
# when they are missing, then runs every test with Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(prometheus prometheus-node-exporter prometheus-process-exporter curl openssl iproute2 util-linux procps btrfs-progs podman)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # the packages may start their services where an init system runs; the tests start their own
  for svc in prometheus prometheus-node-exporter prometheus-process-exporter; do
    service "$svc" stop >/dev/null 2>&1 || true
  done
fi

exec mvn -B test "$@"
