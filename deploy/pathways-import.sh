#!/usr/bin/env bash
# Uploads a folder of canonical CSV files to the command service and follows the import; see --help.
# Builds the launcher first when it is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ]; then
  (cd "$here" && mvn -B -q -DskipTests install)
fi
exec java -cp "$jar" -Dloader.main=org.pathwaysledger.launcher.ImportClient org.springframework.boot.loader.launch.PropertiesLauncher "$@"
