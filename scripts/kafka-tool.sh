#!/usr/bin/env bash
# Runs a Kafka command-line tool from the jars the launcher uses, no Kafka install needed. The local broker
# (scripts/run-local.sh) requires a sign-in: pass the client file the launcher wrote for a principal
# (.run-local/kafka/clients/<principal>.properties); each may do only what kafka-acls.txt grants it, and a
# consumer needs a --group under its principal's prefix. E.g.
#   scripts/kafka-tool.sh org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 --producer.config .run-local/kafka/clients/partner.properties --topic refund.requests.partner
#   scripts/kafka-tool.sh org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 --producer.config .run-local/kafka/clients/billing.properties --topic billing.refunds
#   scripts/kafka-tool.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 --consumer.config .run-local/kafka/clients/ops-dashboard.properties --group ops-dashboard-console --topic refund.decisions --from-beginning --property print.headers=true
set -euo pipefail
cd "$(dirname "$0")/.."
cp=refund-launcher/target/launcher.classpath
[ -f "$cp" ] || mvn -q -pl refund-launcher -am -DskipTests install dependency:build-classpath -Dmdep.outputFile=target/launcher.classpath
exec java -cp "refund-launcher/target/classes:$(cat "$cp")" "$@"
