#!/usr/bin/env bash
# docker compose's kafka-setup: as the administrator, creates the workflow's topics (the list of
# refund-events' TopicSpec) and one ALLOW ACL per line of kafka-acls.txt. Safe to run again.
set -euo pipefail
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="kafka-admin" password="${KAFKA_PASSWORD_KAFKA_ADMIN}";
PROPS
kafka() { /opt/kafka/bin/"$1".sh --bootstrap-server kafka:9092 --command-config /tmp/admin.properties "${@:2}"; }
topic() { kafka kafka-topics --create --if-not-exists --topic "$1" --partitions 6 --replication-factor 1 "${@:2}"; }
topic refund.requests.partner --config message.timestamp.type=LogAppendTime
topic refund.requests
topic refund.decisions
topic refund.notifications
topic billing.orders --config cleanup.policy=compact
topic billing.refunds
for name in refund.requests.partner refund.requests refund.decisions refund.notifications billing.orders billing.refunds; do
  topic "${name}.DLT"
done
grep -v '^#' /refundflow/kafka-acls.txt | while read -r principal operation type pattern resource; do
  [ -n "${principal}" ] || continue
  case "${type}" in
    TOPIC) target=(--topic "${resource}") ;;
    GROUP) target=(--group "${resource}") ;;
    CLUSTER) target=(--cluster) ;;
  esac
  kafka kafka-acls --add --allow-principal "User:${principal}" --operation "${operation}" \
    --resource-pattern-type "$(echo "${pattern}" | tr 'A-Z' 'a-z')" "${target[@]}" > /dev/null
done
echo "topics and ACLs in place"
