#!/bin/sh
# The container image's whole file tree, which Jib (pom.xml) packs into an OCI archive on top of
# nothing ("scratch"): a Java runtime linked with jlink from the build's JDK with only the modules
# the exporter uses, the C libraries that runtime links to, taken from this (Debian) build
# machine, the jar and its JVM options, JNA's native library for this architecture unpacked from
# the jar (so JNA never writes it to a temporary directory, which a read-only container does not
# have), and passwd/group files naming the user it runs as.
#
#   rootfs.sh JAVA_HOME JAR OUTPUT_DIR
set -eu

java_home=$1
jar=$(readlink -f "$2")
out=$(readlink -f "$3")
options=$(dirname "$(readlink -f "$0")")/../jvm.options

# jdeps on the jar (java.desktop is left out: only JNA's AWT helpers, never called, refer to it)
# plus what it cannot see: jdk.crypto.ec is where JDK 17 keeps the elliptic-curve algorithms TLS
# needs (--web.config.file with an EC key, ECDHE key exchange; an empty module from JDK 22 on).
# jdk.net and jdk.security.auth: dbus-java (systemd, logind) reads the peer's credentials of its
# unix socket and the uid it authenticates with (SASL EXTERNAL) through them.
modules=java.base,java.logging,java.management,jdk.management,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.net,jdk.security.auth

rm -rf "$out"
mkdir -p "$out/usr/lib/node-process-exporter" "$out/usr/share/node-process-exporter" \
  "$out/usr/share/doc/node-process-exporter" "$out/etc"
runtime=$out/usr/lib/node-process-exporter/jre

# --generate-cds-archive: the runtime's own class-data archive, which jlink does not copy, so
# that -Xshare:auto maps the JDK's classes instead of loading them at every start.
"$java_home/bin/jlink" --add-modules "$modules" --output "$runtime" \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive >/dev/null
# the archive for heaps over 32 GiB (no compressed object pointers) is never used at -Xmx64m,
# and keytool is not needed to run
rm -f "$runtime/lib/server/classes_nocoops.jsa" "$runtime/bin/keytool"

cp "$jar" "$options" "$out/usr/share/node-process-exporter/"
arch=$(uname -m | sed 's/^x86_64$/x86-64/; s/^aarch64$/aarch64/')
(cd "$out/usr/lib/node-process-exporter" && "$java_home/bin/jar" xf "$jar" "com/sun/jna/linux-$arch/libjnidispatch.so" \
  && mv "com/sun/jna/linux-$arch/libjnidispatch.so" . && rm -r com)

# The shared libraries every ELF file of the runtime (and JNA's) needs, at the paths the dynamic
# linker looks at by default, with the copyright file of the Debian package each comes from.
libs=$(find "$runtime" "$out/usr/lib/node-process-exporter/libjnidispatch.so" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  -exec ldd {} + 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
  | grep -v "^$runtime" | sort -u)
for lib in $libs; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
  package=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")")
  package=${package%%:*}
  mkdir -p "$out/usr/share/doc/$package"
  cp "/usr/share/doc/$package/copyright" "$out/usr/share/doc/$package/"
done

cat >"$out/etc/passwd" <<'EOF'
root:x:0:0:root:/nonexistent:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$out/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$out/etc/nsswitch.conf"
