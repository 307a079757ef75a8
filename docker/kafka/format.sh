#!/usr/bin/env bash
# docker compose's kafka-format: formats the broker's data volume once, with a SCRAM credential for the
# administrator, every principal of kafka-acls.txt and the controller's own sign-in. The passwords come from
# .env (scripts/compose-secrets.sh makes it); none is published. Idempotent: a formatted volume is left alone.
set -euo pipefail
if [ -f /var/lib/kafka/data/meta.properties ]; then
  echo "kafka data already formatted"; exit 0
fi
password() { # principal -> password from KAFKA_PASSWORD_<PRINCIPAL> (dashes as underscores, upper case)
  local var="KAFKA_PASSWORD_$(echo "$1" | tr 'a-z-' 'A-Z_')"
  [ -n "${!var:-}" ] || { echo "missing $var: run scripts/compose-secrets.sh" >&2; exit 1; }
  printf '%s' "${!var}"
}
cat > /tmp/server.properties <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=CLIENT://:9092,CONTROLLER://:9093
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=CLIENT
controller.listener.names=CONTROLLER
log.dirs=/var/lib/kafka/data
PROPS
args=()
for user in kafka-admin $(grep -v '^#' /refundflow/kafka-acls.txt | awk 'NF {print $1}' | sort -u); do
  args+=(--add-scram "SCRAM-SHA-256=[name=${user},password=$(password "$user")]")
done
/opt/kafka/bin/kafka-storage.sh format --cluster-id "${CLUSTER_ID}" -c /tmp/server.properties "${args[@]}"
# This one-shot runs as root to own the fresh volume; the broker runs as the image's own user.
chown -R "$(id -u appuser 2>/dev/null || echo 1000):$(id -g appuser 2>/dev/null || echo 1000)" /var/lib/kafka/data
