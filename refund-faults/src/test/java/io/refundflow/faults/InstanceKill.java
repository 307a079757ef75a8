package io.refundflow.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kills one instance of a service while it is inside its work on a topic and watches the rebalance that follows:
 * the instance is SIGKILLed once it holds records of the topic it has fetched or may fetch but not committed
 * (committed behind the partition's end), so whatever batch it had under way is rolled back with it; then the
 * survivor must be given the dead instance's partitions and commit past every record that was uncommitted at the
 * kill, before the killed instance is started again. Whether those records were then decided (and emailed)
 * exactly once is the suite's invariant.
 */
final class InstanceKill implements AutoCloseable {

    /** What one kill showed. {@code uncommittedAtKill} is the sum over the killed instance's partitions. */
    record Result(String instance, String topic, Set<Integer> partitions, long uncommittedAtKill,
            double takeoverSeconds, double caughtUpSeconds, boolean survivorTookOver) {

        boolean midBatch() {
            return uncommittedAtKill > 0;
        }

        String describe() {
            return "held partitions " + partitions + " of " + topic + " with " + uncommittedAtKill
                    + " records not committed at the kill; " + (survivorTookOver
                            ? "the survivor held them " + FaultAndAbuseSuiteTest.fmt(takeoverSeconds)
                                    + " s later and had committed past those records after "
                                    + FaultAndAbuseSuiteTest.fmt(caughtUpSeconds) + " s"
                            : "the survivor did NOT take them over and catch up in time");
        }
    }

    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(90);
    /**
     * Records not committed on the instance's partitions before it is killed: more than one, so that it has most
     * likely fetched some of them and is deciding them (a single one may still be on its way from the broker).
     */
    private static final int BACKLOG = 3;

    private final SystemUnderTest system;
    private final Admin admin;

    InstanceKill(SystemUnderTest system) {
        Properties props = new Properties();
        props.putAll(system.harness());
        this.system = system;
        this.admin = Admin.create(props);
    }

    /**
     * Waits up to {@code patience} for {@code instance} (of consumer group {@code group}) to hold at least
     * {@value #BACKLOG} uncommitted records of {@code topic}, kills it then (or when patience runs out: the
     * result says so), and waits for the survivor to take over and catch up. Does not start the instance again.
     */
    Result killInsideItsWork(String group, String topic, String instance, String survivor, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Set<TopicPartition> held = Set.of();
        Map<TopicPartition, Long> ends = Map.of();
        long uncommitted = 0;
        while (System.nanoTime() < deadline) {
            held = assignedTo(group, topic, instance);
            ends = ends(topic);
            uncommitted = behind(group, held, ends);
            if (uncommitted >= BACKLOG) {
                break;
            }
            Thread.sleep(50);
        }
        system.kill(instance);
        long killed = System.nanoTime();
        // read again after the kill: what the instance left uncommitted is exactly what the survivor must redo
        Map<TopicPartition, Long> endsAtKill = ends;
        uncommitted = behind(group, held, endsAtKill);
        double takeover = -1;
        double caughtUp = -1;
        long timeout = killed + TAKEOVER_TIMEOUT.toNanos();
        while (System.nanoTime() < timeout) {
            if (takeover < 0 && assignedTo(group, topic, survivor).containsAll(held) && !held.isEmpty()) {
                takeover = (System.nanoTime() - killed) / 1e9;
            }
            if (takeover >= 0 && behind(group, held, endsAtKill) == 0) {
                caughtUp = (System.nanoTime() - killed) / 1e9;
                break;
            }
            Thread.sleep(200);
        }
        return new Result(instance, topic, held.stream().map(TopicPartition::partition)
                .collect(Collectors.toCollection(TreeSet::new)), uncommitted, takeover, caughtUp, caughtUp >= 0);
    }

    /** The partitions of {@code topic} the group's members with the instance's client id hold. */
    private Set<TopicPartition> assignedTo(String group, String topic, String instance) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.members().stream().filter(member -> member.clientId().startsWith(instance))
                .map(MemberDescription::assignment).flatMap(a -> a.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(topic)).collect(Collectors.toSet());
    }

    private Map<TopicPartition, Long> ends(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Records of these partitions below {@code ends} that the group has not committed. */
    private long behind(String group, Set<TopicPartition> partitions, Map<TopicPartition, Long> ends)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long behind = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            behind += Math.max(0, ends.getOrDefault(partition, 0L) - (offset == null ? 0 : offset.offset()));
        }
        return behind;
    }

    @Override
    public void close() {
        admin.close();
    }
}
