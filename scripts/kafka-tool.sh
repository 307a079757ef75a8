#!/usr/bin/env bash
# Runs a Kafka command-line tool from the jars the launcher uses, no Kafka install needed, e.g.
#   scripts/kafka-tool.sh org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 --topic refund.requests.partner
#   scripts/kafka-tool.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 --topic refund.decisions --from-beginning --property print.headers=true
set -euo pipefail
cd "$(dirname "$0")/.."
cp=refund-launcher/target/launcher.classpath
[ -f "$cp" ] || mvn -q -pl refund-launcher -am -DskipTests install dependency:build-classpath -Dmdep.outputFile=target/launcher.classpath
exec java -cp "refund-launcher/target/classes:$(cat "$cp")" "$@"
