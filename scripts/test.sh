#!/usr/bin/env bash
# The whole test suite. Installs, with apt-get, the Debian packages the tests compare against
# (node_exporter 1.5, process-exporter 0.7.10, Prometheus and promtool, curl, openssl, ss, unshare,
# mkfs.btrfs for the btrfs collector's live test, ethtool for the netlink collectors' live tests,
# pci.ids for the pcidevice names, and supervisord, runsvdir/sv and chronyd, which the supervisord,
# runit and ntp tests start on their own ports and directories, the NFS server and client for
# mountstats' loopback mounts, swapon/swapoff for the swap collector's; systemd, systemd-nspawn, dbus
# and pam_systemd for the systemd and logind tests, which boot a real systemd in a container) and
# those the packaging
# tests run (lintian, podman with runc, systemd-analyze, man, python3 for a child holding a socket)
# when they are missing, then runs every test with Maven: the unit tests, the package phase (the
# jar, the .deb, the tarball, the container image), and the packaging integration tests (*IT).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  prometheus prometheus-node-exporter prometheus-process-exporter curl openssl iproute2 util-linux procps
  btrfs-progs ethtool pci.ids supervisor runit chrony nfs-kernel-server nfs-common rpcbind mount iptables
  lintian podman runc systemd python3 man-db systemd-container dbus libpam-systemd
)
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
  for svc in prometheus prometheus-node-exporter prometheus-process-exporter nfs-kernel-server rpcbind supervisor chrony; do
    service "$svc" stop >/dev/null 2>&1 || true
  done
fi

exec mvn -B verify "$@"
