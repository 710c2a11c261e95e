#!/usr/bin/env bash
# Analytics benchmark: equity query latency (p50/p95) over N entrants, and replay events/s into analytics.
# Usage: deploy/benchmark-analytics.sh [students] [events] [rebuild-only]   (default 1000000 200000)
# rebuild-only: no serving replay; the events are published, then two rebuilds replay them (the first with the replay
# path still cold for the JIT, the second warm, as in a running service), for runs of millions.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar"
# Rebuilt when any module's sources or POMs are newer than it: `mvn package` alone keeps an existing launcher jar
# whose sibling modules changed, and the benchmark would measure old code.
if [ -f "$jar" ] && [ -n "$(find "$here" -path "$here/.git" -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' -o -name 'pom.xml' \) -path '*/src/*' -newer "$jar" -print -o -name pom.xml -newer "$jar" -print | head -1)" ]; then
  rm -f "$jar"
fi
if [ ! -f "$jar" ]; then
  # package only (never install: ~/.m2 is shared)
  (cd "$here" && mvn -o -B -q -DskipTests -pl deploy/launcher -am package)
fi
export AXONIQ_UPDATE_CHECKER_DISABLED=true
exec java ${JAVA_OPTS:-} -Xmx4g -Daxoniq.update-checker.disabled=true -cp "$jar" \
  -Dloader.main=org.pathwaysledger.launcher.AnalyticsBenchmark org.springframework.boot.loader.launch.PropertiesLauncher "${1:-1000000}" "${2:-200000}" ${3:-}
