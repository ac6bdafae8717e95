#!/bin/sh
# The Debian package's compressed documents, made at build time: the changelog of this build (its
# version and git revision) and the man page with the version filled in.
#   docs.sh DEBIAN_VERSION REVISION MAINTAINER OUTPUT_DIR
set -eu
version=$1
revision=$2
maintainer=$3
out=$4
here=$(dirname "$0")

# the date of the last commit, so two builds of one commit make the same files
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}
mkdir -p "$out"
cat >"$out/changelog" <<EOF
node-process-exporter ($version) unstable; urgency=medium

  * Built from git revision $revision.

 -- $maintainer  $(LC_ALL=C date -u -R -d "@$epoch")
EOF
sed "s/@VERSION@/$version/" "$here/node-process-exporter.1" >"$out/node-process-exporter.1"
gzip -9nf "$out/changelog" "$out/node-process-exporter.1"
