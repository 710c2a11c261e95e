#!/usr/bin/env bash
# Import benchmark: rows/s to import done and to visible in analytics, the PostgreSQL COPY ceiling, peak heap.
# Usage: deploy/benchmark-import.sh [rows]   (default 100000; the figures in BENCHMARKS.md name their row count)
# BENCHMARK_JFR=/tmp/import.jfr also records a JFR profile (per-thread CPU: jdk.ThreadCPULoad; hot code: jdk.ExecutionSample).
# BENCHMARK_JAVA_OPTS adds JVM options, e.g. "-Dpathways.imports.bulk-append=false" for the per-command path (A/B),
# "-Dbenchmark.warm-up-rows=200000" for a first import into another district before the measured one (a warm JIT, as in a
# long-running service), "-XX:TieredStopAtLevel=1" for the C1 compiler only (BENCHMARKS.md, "JIT").
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar"
# Rebuilt when any module's sources or POMs are newer than it: `mvn package` alone keeps an existing launcher jar
# whose sibling modules changed, and the benchmark would measure old code.
if [ -f "$jar" ] && [ -n "$(find "$here" -path "$here/.git" -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' -o -name 'pom.xml' \) -path '*/src/*' -newer "$jar" -print -o -name pom.xml -newer "$jar" -print | head -1)" ]; then
  rm -f "$jar"
fi
if [ ! -f "$jar" ]; then
  # package, not install: the benchmark needs only this worktree's launcher jar, nothing in ~/.m2
  (cd "$here" && mvn -B -q -DskipTests -pl deploy/launcher -am package)
fi
export AXONIQ_UPDATE_CHECKER_DISABLED=true
jfr=()
if [ -n "${BENCHMARK_JFR:-}" ]; then
  jfr=("-XX:StartFlightRecording=filename=$BENCHMARK_JFR,settings=profile")
fi
# shellcheck disable=SC2206
opts=(${BENCHMARK_JAVA_OPTS:-})
exec java -Xmx4g ${jfr[@]+"${jfr[@]}"} ${opts[@]+"${opts[@]}"} -Daxoniq.update-checker.disabled=true -cp "$jar" \
  -Dloader.main=org.pathwaysledger.launcher.ImportBenchmark org.springframework.boot.loader.launch.PropertiesLauncher "${1:-100000}"
