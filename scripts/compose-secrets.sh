#!/usr/bin/env bash
# Writes .env for docker compose with a new random password for every Kafka principal, the kafka-ui login,
# Keycloak's admin console and the broker's cluster id. Never commit .env (it is git-ignored). Keeps an
# existing .env unless --force.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .env ] && [ "${1:-}" != "--force" ]; then
  echo ".env exists; keep it (or run again with --force for new secrets and then 'docker compose down -v')"; exit 0
fi
secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
{
  echo "# made by scripts/compose-secrets.sh on $(date -u +%FT%TZ); do not commit"
  echo "KAFKA_CLUSTER_ID=$(head -c 16 /dev/urandom | base64 | tr '/+' '_-' | cut -c1-22)"
  for user in kafka-admin $(grep -v '^#' refund-launcher/src/main/resources/kafka-acls.txt | awk 'NF {print $1}' | sort -u); do
    echo "KAFKA_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')=$(secret)"
  done
  echo "KAFKA_PASSWORD_CONTROLLER=$(secret)"
  echo "KAFKA_UI_PASSWORD=$(secret)"
  echo "KEYCLOAK_ADMIN_PASSWORD=$(secret)"
} > .env
chmod 600 .env
echo "wrote .env (kafka-ui login: admin / the KAFKA_UI_PASSWORD in it; Keycloak admin: admin / KEYCLOAK_ADMIN_PASSWORD)"
