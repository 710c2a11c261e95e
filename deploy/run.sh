#!/usr/bin/env bash
# Starts the whole platform on embedded PostgreSQL and Kafka (or the configured ones, see README), loads the
# synthetic demo region and prints the URLs. Builds first, without tests, when the sources are newer than the build.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar
stale=""
if [ -f "$jar" ]; then
  stale=$(find . \( -name target -o -name .git \) -prune -o \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name '*.xml' \) -newer "$jar" -print -quit)
fi
if [ ! -f "$jar" ] || [ -n "$stale" ]; then
  echo "Building Pathways Ledger (tests skipped; run 'mvn -B verify' for those)..."
  mvn -B -q -DskipTests install
fi

export AXONIQ_UPDATE_CHECKER_DISABLED=true
exec java -Daxoniq.update-checker.disabled=true -jar "$jar" "$@"
