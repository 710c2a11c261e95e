#!/usr/bin/env bash
# Analytics benchmark: equity query latency (p50/p95) over N entrants, and replay events/s into analytics.
# Usage: deploy/benchmark-analytics.sh [students] [events]   (default 1000000 200000)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ]; then
  # package only (never install: ~/.m2 is shared)
  (cd "$here" && mvn -o -B -q -DskipTests -pl deploy/launcher -am package)
fi
export AXONIQ_UPDATE_CHECKER_DISABLED=true
exec java ${JAVA_OPTS:-} -Xmx4g -Daxoniq.update-checker.disabled=true -cp "$jar" \
  -Dloader.main=org.pathwaysledger.launcher.AnalyticsBenchmark org.springframework.boot.loader.launch.PropertiesLauncher "${1:-1000000}" "${2:-200000}"
