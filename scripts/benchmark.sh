#!/usr/bin/env bash
# End-to-end benchmark of the whole refund workflow on this machine: builds what is needed, starts real Kafka
# (KRaft, from the jars), PostgreSQL (fresh database refundflow_bench), SMTP (GreenMail) and every service on
# ports apart from scripts/run-local.sh's, measures the ceilings of those parts, drives refunds at a fixed rate
# (latency) and at open throttle (throughput), checks that every refund got exactly one decision and one email,
# and writes target/benchmark/results.json and results.md. Stops everything it started, also on Ctrl-C.
#
#   scripts/benchmark.sh [--duration 30s] [--rate 200] [--mix SAAS=4,SERVER=1,...] [--mode latency|throughput|both]
#                        [--out target/benchmark] [--help for every option]
#
# CI smoke (about 2 minutes, mostly start-up): scripts/benchmark.sh --duration 10s --warmup 0s --ceiling-time 1s
#
# Soak (not in CI): scripts/benchmark.sh --soak 30m [--rate R] [--soak-interval 1m] runs one fixed rate (default half
# the capacity an open-throttle probe measures) and samples RSS, p99 latency and every table's rows per interval.
#
# Side by side with the same flow on Operaton (refund-peer-operaton, started as a process after refundflow's phases,
# same mix, rates and checks, over HTTP): add --peer operaton; --only-peer measures the peer alone.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${REFUND_BENCHMARK_SKIP_BUILD:-false}" != "true" ]]; then
  echo "> building (services and the benchmark; set REFUND_BENCHMARK_SKIP_BUILD=true to skip)"
  mvn -q -DskipTests install
fi
mvn -q -pl refund-benchmark dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath

# The common pool's parallelism is one less than the cores, so on two cores it is 1 and CompletableFuture runs its
# async stages on a new thread each: the JDK's HttpClient hands every response of sendAsync to that executor, and
# the benchmark's JVM started about 130 threads a second over HTTP (a JFR recording's jdk.ThreadStart), CPU counted
# against the system. Two workers run those stages instead.
exec java -Xms1g -Xmx3g -XX:+UseParallelGC -Drefund.repository="$PWD" \
  -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -cp "refund-benchmark/target/classes:$(cat refund-benchmark/target/benchmark.classpath)" \
  io.refundflow.benchmark.Benchmark "$@"
