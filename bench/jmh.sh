#!/usr/bin/env bash
# Runs the JMH micro-benchmarks under src/test/java/org/nodeprocessexporter/bench/ with short,
# bounded settings (one fork, 3 x 1 s warm-up, 5 x 1 s measurement per benchmark: roughly
# 10 s per benchmark and @Param value, ~3 minutes for all of them on 2 cores).
#
#   bench/jmh.sh                        # every benchmark
#   bench/jmh.sh FdScanBenchmark        # a regexp over benchmark names, as JMH takes it
#   bench/jmh.sh ProcParsers -p fds=100 -prof gc   # anything after the regexp goes to JMH
#   JMH_OPTS='-f 1 -wi 5 -i 10' bench/jmh.sh       # replace the default run lengths
#   MVN_FLAGS=-o bench/jmh.sh           # Maven offline (all dependencies already in ~/.m2)
#
# What it does, by hand:
#   mvn -q -B test-compile
#   mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
#   java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main \
#        -f 1 -wi 3 -w 1s -i 5 -r 1s [regexp]
# test-compile also runs JMH's annotation processor (configured in pom.xml), which generates the
# benchmark harness and META-INF/BenchmarkList in target/test-classes.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
mvn_flags=(-q -B ${MVN_FLAGS:-})

echo "jmh.sh: compiling main and test classes" >&2
mvn "${mvn_flags[@]}" test-compile

cp_file=$(mktemp /tmp/jmh-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
mvn "${mvn_flags[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
[ -f target/test-classes/META-INF/BenchmarkList ] || {
  echo "jmh.sh: target/test-classes/META-INF/BenchmarkList is missing: the JMH annotation processor did not run" >&2
  exit 1
}

read -r -a jmh_opts <<< "${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
echo "jmh.sh: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (other work on the machine skews the numbers)" >&2
exec java -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "${jmh_opts[@]}" "$@"
