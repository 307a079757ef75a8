#!/usr/bin/env bash
# Runs the whole refund workflow on this machine without Docker: builds the services, then starts a real
# Kafka broker (KRaft, from the Kafka jars), PostgreSQL (the local server, or one the launcher starts),
# an SMTP server with an inbox page, demo billing data and every service. Ctrl-C stops everything.
# Settings of the launcher go as -D arguments, e.g. scripts/run-local.sh -Drefund.launcher.intake-port=9081
# (every name is in LaunchSettings).
set -euo pipefail

launcher_options=()
for arg in "$@"; do
  case "$arg" in
    -Drefund.launcher.*=*) launcher_options+=("$arg") ;;
    *) echo "unknown argument: $arg (expected -Drefund.launcher.<name>=<value>, see LaunchSettings)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."

echo "> building (first run downloads dependencies; later runs take seconds)"
mvn -q -DskipTests install
mvn -q -pl refund-launcher dependency:build-classpath -Dmdep.outputFile=target/launcher.classpath

exec java ${launcher_options[@]+"${launcher_options[@]}"} -Drefund.repository="$PWD" \
  -cp "refund-launcher/target/classes:$(cat refund-launcher/target/launcher.classpath)" \
  io.refundflow.launcher.Launcher
