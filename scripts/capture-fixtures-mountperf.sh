#!/usr/bin/env bash
# Writes the fixtures of the mountstats collector: /proc/self/mountstats and /proc/self/mountinfo
# of a client with NFS mounts. Written by hand, from the kernel's format, because the development
# VM cannot mount NFS: its kernel (6.18, no loadable modules, /lib/modules absent) lists neither
# nfs, nfs4 nor nfsd in /proc/filesystems, so "mount -t nfs" fails with "No such device" and
# "mount -t nfsd" with "unknown filesystem type 'nfsd'".
#
# The format, from the kernel sources:
#   fs/proc_namespace.c show_vfsstat    "device D mounted on M with fstype T" [" " stats] "\n"
#   fs/nfs/super.c nfs_show_stats        statvers=1.1, then opts/age/[impl_id]/caps/[nfsv4]/sec/
#                                        events (27)/bytes (8)/[fsc] lines, each "\tname:\t..."
#   net/sunrpc/stats.c rpc_clnt_show_stats  "\tRPC iostats version: 1.1  p/v: P/V (nfs)",
#                                        one xprt line per transport (nconnect), "\tper-op
#                                        statistics", one "%12s: " line per procedure with 9
#                                        numbers (8 before Linux 5.3: no error count)
#   net/sunrpc/xprtsock.c                "\txprt:\ttcp" 13 numbers, "\txprt:\tudp" 10
#   net/sunrpc/xprtrdma/transport.c      "\txprt:\trdma" 28 numbers
# Kernels before 2.6.24 print statvers=1.0: tcp 10 numbers, udp 7.
#
# What it writes (run from the repository root, review the diff: tests assert these values):
#   fixtures/proc/self/mountstats, mountinfo  the golden end-to-end tree: NFSv3 over TCP (mounted
#       twice: node_exporter reports an export once), NFSv4.2 with nconnect=2 (two xprt lines),
#       NFSv3 over UDP, NFSv4.1 over RDMA, an NFSv3 mount of an old kernel (statvers=1.0, per-op
#       lines of 8 numbers), between ordinary mounts
#   fixtures/handmade/mountstats-1.5, mountinfo-1.5  the same mounts without RDMA and nconnect,
#       which node_exporter 1.5's parser (procfs 0.8) does not read, for the side-by-side test
set -euo pipefail
F=src/test/resources/fixtures

V3_OPS=(NULL GETATTR SETATTR LOOKUP ACCESS READLINK READ WRITE CREATE MKDIR SYMLINK MKNOD REMOVE RMDIR
    RENAME LINK READDIR READDIRPLUS FSSTAT FSINFO PATHCONF COMMIT)
V4_OPS=(NULL READ WRITE COMMIT OPEN OPEN_CONFIRM OPEN_NOATTR OPEN_DOWNGRADE CLOSE SETATTR FSINFO RENEW
    SETCLIENTID SETCLIENTID_CONFIRM LOCK LOCKT LOCKU ACCESS GETATTR LOOKUP LOOKUP_ROOT REMOVE RENAME LINK
    SYMLINK CREATE PATHCONF STATFS READLINK READDIR SERVER_CAPS DELEGRETURN GETACL SETACL FS_LOCATIONS
    RELEASE_LOCKOWNER SECINFO FSID_PRESENT EXCHANGE_ID CREATE_SESSION DESTROY_SESSION SEQUENCE
    GET_LEASE_TIME RECLAIM_COMPLETE LAYOUTGET GETDEVICEINFO LAYOUTCOMMIT LAYOUTRETURN SECINFO_NO_NAME
    TEST_STATEID FREE_STATEID GETDEVICELIST BIND_CONN_TO_SESSION DESTROY_CLIENTID SEEK ALLOCATE DEALLOCATE
    LAYOUTSTATS CLONE COPY OFFLOAD_CANCEL LOOKUPP LAYOUTERROR COPY_NOTIFY GETXATTR SETXATTR LISTXATTRS
    REMOVEXATTR READ_PLUS)

# per-op lines: name, then requests transmissions timeouts sent received queue rtt execute [errors];
# every op a few calls (seeded by $2), READ/WRITE/GETATTR many; $3 = 8 or 9 numbers
per_op() {
    local -n ops=$1
    local seed=$2 width=$3 i=0 op n
    printf '\tper-op statistics\n'
    for op in "${ops[@]}"; do
        n=$(( (seed * 7 + i * 13) % 5 ))
        case $op in READ) n=$((seed * 4101)) ;; WRITE) n=$((seed * 2049)) ;; GETATTR) n=$((seed * 311)) ;; LOOKUP) n=$((seed * 50)) ;; NULL) n=1 ;; esac
        local queue=$((n / 2)) errors=0
        [ "$op" = LOOKUP ] && errors=$((n / 3))
        [ "$op" = READ ] && [ -n "${BIG_READ_QUEUE:-}" ] && queue=$BIG_READ_QUEUE
        if [ "$width" = 9 ]; then
            printf '\t%12s: %d %d %d %d %d %d %d %d %d\n' "$op" $n $n 0 $((n * 132)) $((n * 116)) "$queue" \
                $((n * 3)) $((n * 3 + n / 2)) "$errors"
        else
            printf '\t%12s: %d %d %d %d %d %d %d %d\n' "$op" $n $n 0 $((n * 132)) $((n * 116)) "$queue" \
                $((n * 3)) $((n * 3 + n / 2))
        fi
        i=$((i + 1))
    done
    printf '\n'
}

events() { # 27 counters, seeded
    local s=$1 i out=""
    for i in $(seq 0 26); do out+="$(( (s * (i + 3) * 37) % 100003 )) "; done
    printf '\tevents:\t%s\n' "$out"
}

nfs3_tcp() { # device mountpoint seed srcport
    printf 'device %s mounted on %s with fstype nfs statvers=1.1\n' "$1" "$2"
    printf '\topts:\trw,relatime,vers=3,rsize=1048576,wsize=1048576,namlen=255,acregmin=3,acregmax=60,acdirmin=30,acdirmax=60,hard,proto=tcp,timeo=600,retrans=2,sec=sys,mountaddr=192.168.1.10,mountvers=3,mountport=20048,mountproto=udp,local_lock=none\n'
    printf '\tage:\t%d\n' $(( $3 * 4656 ))
    printf '\tcaps:\tcaps=0x3fef,wtmult=4096,dtsize=1048576,bsize=0,namlen=255\n'
    printf '\tsec:\tflavor=1,pseudoflavor=1\n'
    events "$3"
    printf '\tbytes:\t%d %d 0 0 %d %d %d %d \n' $(( $3 * 16801792 )) $(( $3 * 8392704 )) $(( $3 * 16809984 )) \
        $(( $3 * 8392704 )) $(( $3 * 4104 )) $(( $3 * 2049 ))
    printf '\tRPC iostats version: 1.1  p/v: 100003/3 (nfs)\n'
    printf '\txprt:\ttcp %d 0 1 0 11 %d %d 0 %d 0 2 0 %d\n' "$4" $(( $3 * 6428 )) $(( $3 * 6428 )) $(( $3 * 12154 )) $(( $3 * 7 ))
    per_op V3_OPS "$3" 9
}

nfs4_tcp() { # device mountpoint seed nconnect
    local k
    printf 'device %s mounted on %s with fstype nfs4 statvers=1.1\n' "$1" "$2"
    printf '\topts:\trw,relatime,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,acregmin=3,acregmax=60,acdirmin=30,acdirmax=60,hard,proto=tcp,nconnect=%d,timeo=600,retrans=2,sec=sys,clientaddr=192.168.1.2,local_lock=none\n' "$4"
    printf '\tage:\t%d\n' $(( $3 * 1311 ))
    printf "\timpl_id:\tname='',domain='',date='0,0'\n"
    printf '\tcaps:\tcaps=0x3ffbffff,wtmult=512,dtsize=1048576,bsize=0,namlen=255\n'
    printf '\tnfsv4:\tbm0=0xfdffbfff,bm1=0x40fdbe3e,bm2=0x60803,acl=0x3,sessions,pnfs=not configured,lease_time=90,lease_expired=0\n'
    printf '\tsec:\tflavor=1,pseudoflavor=1\n'
    events "$3"
    printf '\tbytes:\t%d %d %d %d %d %d %d %d \n' $(( $3 * 7000001 )) $(( $3 * 3000007 )) $(( $3 * 4096 )) $(( $3 * 8192 )) \
        $(( $3 * 7004097 )) $(( $3 * 3008199 )) $(( $3 * 1710 )) $(( $3 * 735 ))
    printf '\tRPC iostats version: 1.1  p/v: 100003/4 (nfs)\n'
    for k in $(seq 1 "$4"); do
        printf '\txprt:\ttcp %d 0 %d 0 %d %d %d 0 %d 0 %d 0 %d\n' $((760 + k)) "$k" $((3 * k)) $(( $3 * 1000 + k )) \
            $(( $3 * 1000 + k )) $(( $3 * 2100 + k )) $((32 + k)) $(( $3 * k ))
    done
    per_op V4_OPS "$3" 9
}

nfs3_udp() { # device mountpoint seed
    printf 'device %s mounted on %s with fstype nfs statvers=1.1\n' "$1" "$2"
    printf '\topts:\tro,relatime,vers=3,rsize=32768,wsize=32768,namlen=255,acregmin=3,acregmax=60,acdirmin=30,acdirmax=60,hard,proto=udp,timeo=11,retrans=3,sec=sys,mountaddr=10.0.0.5,mountvers=3,mountport=20048,mountproto=udp,local_lock=none\n'
    printf '\tage:\t%d\n' $(( $3 * 86400 ))
    printf '\tcaps:\tcaps=0x3fc7,wtmult=4096,dtsize=32768,bsize=0,namlen=255\n'
    printf '\tsec:\tflavor=1,pseudoflavor=1\n'
    events "$3"
    printf '\tbytes:\t%d 0 0 0 %d 0 %d 0 \n' $(( $3 * 524288 )) $(( $3 * 524288 )) $(( $3 * 128 ))
    printf '\tRPC iostats version: 1.1  p/v: 100003/3 (nfs)\n'
    printf '\txprt:\tudp 937 0 %d %d 2 %d 0 16 0 3\n' $(( $3 * 40 )) $(( $3 * 40 )) $(( $3 * 55 ))
    per_op V3_OPS "$3" 9
}

nfs4_rdma() { # device mountpoint seed
    printf 'device %s mounted on %s with fstype nfs4 statvers=1.1\n' "$1" "$2"
    printf '\topts:\trw,relatime,vers=4.1,rsize=1048576,wsize=1048576,namlen=255,acregmin=3,acregmax=60,acdirmin=30,acdirmax=60,hard,proto=rdma,port=20049,timeo=600,retrans=2,sec=sys,clientaddr=10.0.0.2,local_lock=none\n'
    printf '\tage:\t%d\n' $(( $3 * 70 ))
    printf '\tcaps:\tcaps=0x3ffbffff,wtmult=512,dtsize=1048576,bsize=0,namlen=255\n'
    printf '\tnfsv4:\tbm0=0xfdffbfff,bm1=0x40fdbe3e,bm2=0x803,acl=0x3,sessions,pnfs=not configured\n'
    printf '\tsec:\tflavor=1,pseudoflavor=1\n'
    events "$3"
    printf '\tbytes:\t%d %d 0 0 %d %d %d %d \n' $(( $3 * 99 )) $(( $3 * 77 )) $(( $3 * 99 )) $(( $3 * 77 )) $3 $3
    printf '\tRPC iostats version: 1.1  p/v: 100003/4 (nfs)\n'
    # 0 bind connect connect_time idle sends recvs bad_xids req_u bklog_u, then 18 rdma counters;
    # the queue time of READ below is past 2^53 ms, which node_exporter takes modulo 2^53
    printf '\txprt:\trdma 0 0 1 0 3 %d %d 0 %d 0 12 0 0 %d 0 0 0 0 0 4 0 0 %d 0 0 0 0 0\n' \
        $(( $3 * 300 )) $(( $3 * 300 )) $(( $3 * 310 )) $(( $3 * 300 )) $(( $3 * 299 ))
    BIG_READ_QUEUE=9007199254741000 per_op V4_OPS "$3" 9
}

nfs3_statvers10() { # device mountpoint seed: a kernel before 2.6.24 (and before per-op errors)
    printf 'device %s mounted on %s with fstype nfs statvers=1.0\n' "$1" "$2"
    printf '\topts:\trw,vers=3,rsize=32768,wsize=32768,acregmin=3,acregmax=60,acdirmin=30,acdirmax=60,hard,proto=tcp,timeo=600,retrans=2,sec=sys\n'
    printf '\tage:\t%d\n' $(( $3 * 1000 ))
    printf '\tcaps:\tcaps=0x3fc7,wtmult=512,dtsize=32768,bsize=0,namlen=255\n'
    printf '\tsec:\tflavor=1,pseudoflavor=1\n'
    events "$3"
    printf '\tbytes:\t%d %d 0 0 %d %d %d %d \n' $(( $3 * 1000 )) $(( $3 * 10 )) $(( $3 * 1000 )) $(( $3 * 10 )) $3 1
    printf '\tRPC iostats version: 1.0  p/v: 100003/3 (nfs)\n'
    printf '\txprt:\ttcp 1001 1 1 0 0 %d %d 0 %d 0\n' $(( $3 * 20 )) $(( $3 * 20 )) $(( $3 * 21 ))
    per_op V3_OPS "$3" 8
}

plain() { printf 'device %s mounted on %s with fstype %s\n' "$1" "$2" "$3"; }

# mountinfo lines aligned with the mountstats entries above (the kernel lists both in the same order)
mi() { printf '%s\n' "$@"; }

golden_stats() {
    plain proc /proc proc
    plain sysfs /sys sysfs
    plain /dev/vda1 / ext4
    nfs3_tcp 192.168.1.10:/srv/export /mnt/nfs3 3 832
    nfs3_tcp 192.168.1.10:/srv/export /mnt/nfs3\\040again 3 833
    plain tmpfs /run tmpfs
    nfs4_tcp 192.168.1.20:/ /mnt/nfs4 5 "$1"
    nfs3_udp 10.0.0.5:/old /mnt/udp 2
    if [ "$2" = rdma ]; then nfs4_rdma 10.0.0.7:/ib /mnt/rdma 4; fi
    nfs3_statvers10 10.0.0.9:/legacy /mnt/legacy 6
    plain binfmt_misc /proc/sys/fs/binfmt_misc binfmt_misc
}

golden_info() {
    mi "22 27 0:21 / /proc rw,relatime - proc proc rw" \
       "23 27 0:22 / /sys rw,relatime - sysfs sysfs rw" \
       "27 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw,discard,errors=remount-ro" \
       "45 27 0:44 / /mnt/nfs3 rw,relatime shared:30 - nfs 192.168.1.10:/srv/export rw,vers=3,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,mountaddr=192.168.1.10,mountvers=3,mountport=20048,mountproto=udp,local_lock=none,addr=192.168.1.10" \
       "46 27 0:44 / /mnt/nfs3\\040again rw,relatime shared:30 - nfs 192.168.1.10:/srv/export rw,vers=3,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,mountaddr=192.168.1.10,mountvers=3,mountport=20048,mountproto=udp,local_lock=none,addr=192.168.1.10" \
       "29 27 0:24 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,size=2468372k,mode=755" \
       "47 27 0:45 / /mnt/nfs4 rw,relatime shared:31 - nfs4 192.168.1.20:/ rw,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,nconnect=$1,timeo=600,retrans=2,sec=sys,clientaddr=192.168.1.2,local_lock=none,addr=192.168.1.20" \
       "48 27 0:46 / /mnt/udp ro,relatime shared:32 - nfs 10.0.0.5:/old ro,vers=3,rsize=32768,wsize=32768,namlen=255,hard,proto=udp,timeo=11,retrans=3,sec=sys,mountaddr=10.0.0.5,mountvers=3,mountport=20048,mountproto=udp,local_lock=none,addr=10.0.0.5"
    if [ "$2" = rdma ]; then mi "49 27 0:47 / /mnt/rdma rw,relatime shared:33 - nfs4 10.0.0.7:/ib rw,vers=4.1,rsize=1048576,wsize=1048576,namlen=255,hard,proto=rdma,port=20049,timeo=600,retrans=2,sec=sys,clientaddr=10.0.0.2,local_lock=none,addr=10.0.0.7"; fi
    mi "50 27 0:48 / /mnt/legacy rw,relatime shared:34 - nfs 10.0.0.9:/legacy rw,vers=3,rsize=32768,wsize=32768,hard,proto=tcp,timeo=600,retrans=2,sec=sys,addr=10.0.0.9" \
       "51 23 0:49 / /proc/sys/fs/binfmt_misc rw,relatime shared:35 - binfmt_misc binfmt_misc rw"
}

mkdir -p "$F/proc/self" "$F/handmade"
golden_stats 2 rdma > "$F/proc/self/mountstats"
golden_info 2 rdma > "$F/proc/self/mountinfo"
golden_stats 1 none > "$F/handmade/mountstats-1.5"
golden_info 1 none > "$F/handmade/mountinfo-1.5"
