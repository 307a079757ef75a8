#!/usr/bin/env bash
# Writes .env for docker compose with a new random password for every Kafka principal, the kafka-ui login,
# Keycloak's admin console, every ${...} the Keycloak realm takes from its environment (the demo users'
# passwords, the API client's secret) and the broker's cluster id. Never commit .env (it is git-ignored).
# Keeps an existing .env unless --force, adding only what it lacks. COMPOSE_ENV_FILE writes another file.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file="${COMPOSE_ENV_FILE:-.env}"
secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
needed() {
  echo "KAFKA_CLUSTER_ID=$(head -c 16 /dev/urandom | base64 | tr '/+' '_-' | cut -c1-22)"
  for user in kafka-admin $(grep -v '^#' refund-launcher/src/main/resources/kafka-acls.txt | awk 'NF {print $1}' | sort -u); do
    echo "KAFKA_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')=$(secret)"
  done
  echo "KAFKA_PASSWORD_CONTROLLER=$(secret)"
  echo "KAFKA_UI_PASSWORD=$(secret)"
  echo "KEYCLOAK_ADMIN_PASSWORD=$(secret)"
  for name in $(grep -o '\${[A-Z0-9_]*}' docker/keycloak/refundflow-realm.json | tr -d '${}' | sort -u); do
    echo "$name=$(secret)"
  done
}
if [ -f "$env_file" ] && [ "${1:-}" != "--force" ]; then
  added=0
  while IFS= read -r line; do
    if ! grep -q "^${line%%=*}=" "$env_file"; then echo "$line" >> "$env_file"; added=$((added + 1)); fi
  done < <(needed)
  echo "$env_file exists; kept it, added $added missing value(s) (--force for all new secrets, then 'docker compose down -v')"
  exit 0
fi
{
  echo "# made by scripts/compose-secrets.sh on $(date -u +%FT%TZ); do not commit"
  needed
} > "$env_file"
chmod 600 "$env_file"
echo "wrote $env_file (kafka-ui: admin / KAFKA_UI_PASSWORD; Keycloak admin: admin / KEYCLOAK_ADMIN_PASSWORD;" \
  "the realm's users, e.g. ops-1: KEYCLOAK_PASSWORD_OPS_1)"
