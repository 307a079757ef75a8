package io.refundflow.dashboard.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.flow.Views.GroupLag;
import io.refundflow.dashboard.flow.Views.PartitionLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Lag of each service's consumer group: per partition the group has committed, the latest offset minus
 * the committed one, summed per topic. Read from the broker with the admin client on an interval
 * ({@code refund.dashboard.lag-interval}) and published as the gauge {@code refund.consumer.lag{group}}.
 */
@Component
public class ConsumerLag implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final DashboardProperties properties;
    private final TaskScheduler scheduler;
    private final Map<String, Long> gaugeValues = new ConcurrentHashMap<>();
    private volatile List<GroupLag> latest = List.of();

    public ConsumerLag(Admin admin, DashboardProperties properties, TaskScheduler scheduler, MeterRegistry meters) {
        this.admin = admin;
        this.properties = properties;
        this.scheduler = scheduler;
        for (String group : properties.consumerGroups()) {
            Gauge.builder("refund.consumer.lag", gaugeValues, values -> values.getOrDefault(group, -1L))
                    .description("records on a consumer group's topics it has not processed yet (-1: unknown)")
                    .tag("group", group).register(meters);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        scheduler.scheduleWithFixedDelay(this::refresh, properties.lagInterval());
    }

    public List<GroupLag> latest() {
        return latest;
    }

    public void refresh() {
        List<GroupLag> lags = new ArrayList<>();
        for (String group : properties.consumerGroups()) {
            GroupLag lag = read(group);
            lags.add(lag);
            gaugeValues.put(group, lag.lag() == null ? -1L : lag.lag());
        }
        latest = List.copyOf(lags);
    }

    GroupLag read(String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String state = String.valueOf(description.groupState());
            int members = description.members().size();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = committed.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            if (request.isEmpty()) {
                return new GroupLag(group, state, members, null, List.of(), "no committed offsets yet");
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Long> perTopic = new TreeMap<>();
            committed.forEach((partition, offset) -> {
                long end = ends.get(partition).offset();
                long position = offset == null ? 0 : offset.offset();
                perTopic.merge(partition.topic(), Math.max(0, end - position), Long::sum);
            });
            List<PartitionLag> topics = perTopic.entrySet().stream()
                    .map(e -> new PartitionLag(e.getKey(), e.getValue())).toList();
            long total = perTopic.values().stream().mapToLong(Long::longValue).sum();
            return new GroupLag(group, state, members, total, topics, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new GroupLag(group, "UNKNOWN", 0, null, List.of(), "group not found");
            }
            return failed(group, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return failed(group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(group, e);
        }
    }

    private static GroupLag failed(String group, Throwable cause) {
        log.warn("could not read the lag of consumer group {}: {}", group, cause.toString());
        return new GroupLag(group, "UNKNOWN", 0, null, List.of(), "broker did not answer: " + cause.getMessage());
    }
}
