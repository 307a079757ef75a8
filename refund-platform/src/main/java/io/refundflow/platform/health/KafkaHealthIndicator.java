package io.refundflow.platform.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health contributor {@code kafka}: UP when the broker cluster answers a describe-cluster request within
 * {@code refund.health.kafka.timeout}; DOWN (with the cause) otherwise. Spring Boot has no Kafka health
 * indicator of its own. Services put it in the readiness group only: a service that cannot reach Kafka is
 * taken out of rotation, not restarted (a restart cannot fix the broker).
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;
    private final Duration timeout;

    public KafkaHealthIndicator(Admin admin, Duration timeout) {
        super("Kafka health check failed");
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        String clusterId = cluster.clusterId().get(remaining(deadline), TimeUnit.NANOSECONDS);
        int nodes = cluster.nodes().get(remaining(deadline), TimeUnit.NANOSECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    }

    /** What is left of the one time budget of a check (both answers come from the same request). */
    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
