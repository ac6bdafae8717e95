#!/bin/bash
# Writes the /proc/<pid>/cgroup fixtures of process_detail's cgroup_info into
# src/test/resources/fixtures/cgroup/<layout>, one file per layout.
#
# Captured on this machine (a cgroup v1 hybrid host without systemd; podman with runc and the
# cgroupfs manager): this-machine-hybrid (this shell), podman-cgroupfs-hybrid and its
# podman-conmon-cgroupfs-hybrid (a container started with podman for the purpose).
#
# Written by hand, from the layouts the runtimes document and create, where this machine has no
# such runtime: systemd's unit and slice tree (systemd.special(7), systemd.slice(5), user@.service),
# docker's two cgroup drivers (systemd: system.slice/docker-<id>.scope; cgroupfs: /docker/<id>),
# the kubelet's (kubepods[.slice], QoS burstable/besteffort, pod<uid> with systemd's "_" for "-"),
# containerd's CRI (cri-containerd-<id>.scope), CRI-O (crio-<id>.scope, crio-conmon-<id>.scope) and
# podman with systemd (machine.slice/libpod-<id>.scope, libpod-conmon-<id>.scope, rootless under
# user@<uid>.service). Ids are 64 hex digits, pod UIDs UUIDs, as the runtimes make them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/fixtures/cgroup
mkdir -p "$out"

id1=3f4c2a1b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b
id2=9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b
uid=6f1e0b7c-3d2a-4e8f-9b1c-2a3b4c5d6e7f
uid_=${uid//-/_}

v1() { # path: a cgroup v1 host's lines, every hierarchy at the same path
    local i=12
    for c in cpuset memory pids devices freezer "cpu,cpuacct" blkio net_cls,net_prio perf_event hugetlb rdma; do
        echo "$i:$c:$1"; i=$((i - 1))
    done
    echo "1:name=systemd:$1"
}

echo "0::/system.slice/nginx.service" > "$out/systemd-service-v2"
echo "0::/init.scope" > "$out/systemd-init-v2"
echo "0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-firefox-2345.scope" > "$out/systemd-user-manager-v2"
v1 /user.slice/user-1000.slice/session-3.scope > "$out/systemd-session-v1"
{ v1 /system.slice/ssh.service; echo "0::/system.slice/ssh.service"; } > "$out/systemd-service-hybrid"
echo "0::/system.slice/cron.service (deleted)" > "$out/systemd-service-deleted-v2"
echo "0::/system.slice/docker-$id1.scope" > "$out/docker-systemd-v2"
v1 "/docker/$id1" > "$out/docker-cgroupfs-v1"
echo "0::/docker/$id1" > "$out/docker-cgroupfs-v2"
echo "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod$uid_.slice/cri-containerd-$id1.scope" > "$out/kubepods-burstable-containerd-systemd-v2"
echo "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod$uid_.slice/cri-containerd-$id2.scope" > "$out/kubepods-besteffort-containerd-systemd-v2"
echo "0::/kubepods.slice/kubepods-pod$uid_.slice/cri-containerd-$id1.scope" > "$out/kubepods-guaranteed-containerd-systemd-v2"
v1 "/kubepods/burstable/pod$uid/$id1" > "$out/kubepods-burstable-cgroupfs-v1"
echo "0::/kubepods/besteffort/pod$uid/$id2" > "$out/kubepods-besteffort-cgroupfs-v2"
echo "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod$uid_.slice/docker-$id1.scope" > "$out/kubepods-burstable-dockershim-systemd-v2"
echo "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod$uid_.slice/crio-$id1.scope" > "$out/crio-systemd-v2"
echo "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod$uid_.slice/crio-conmon-$id1.scope" > "$out/crio-conmon-systemd-v2"
echo "0::/machine.slice/libpod-$id1.scope/container" > "$out/podman-systemd-v2"
echo "0::/machine.slice/libpod-conmon-$id1.scope" > "$out/podman-conmon-systemd-v2"
echo "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-$id2.scope" > "$out/podman-rootless-v2"

cat /proc/self/cgroup > "$out/this-machine-hybrid"

# a podman container on this machine: --rootfs /:O runs the host's own files in an overlay, no
# image needed; the ulimits are ones the sandbox lets runc set
if command -v podman > /dev/null; then
    name=npe-capture-$$
    cid=$(podman run -d --name "$name" --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 --rootfs /:O \
        /bin/sleep 600)
    trap 'podman rm -f -t 0 "$name" > /dev/null' EXIT
    pid=$(podman inspect -f '{{.State.Pid}}' "$name")
    conmon=$(podman inspect -f '{{.State.ConmonPid}}' "$name")
    cat "/proc/$pid/cgroup" > "$out/podman-cgroupfs-hybrid"
    cat "/proc/$conmon/cgroup" > "$out/podman-conmon-cgroupfs-hybrid"
    echo "$cid" > "$out/podman-cgroupfs-hybrid.id"
fi
echo "written $(ls "$out" | wc -l) files into $out"
