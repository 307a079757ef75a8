package io.refundflow.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Records are shown exactly as they are, headers included, even when they are not text. */
class RawRecordTest {

    @Test
    void theBinaryDeadLetterPartitionAndOffsetHeadersAreShownInDecimal() {
        // given a dead letter as Spring Kafka's recoverer writes it
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("refund.requests.DLT", 0, 3, "r-1", new byte[0]);
        record.headers().add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(5).array());
        record.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(1234L).array());
        record.headers().add("kafka_dlt-exception-message", "bad".getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-binary", new byte[] {(byte) 0xff, 0x00});

        // when
        RawRecord raw = RawRecord.of(record);

        // then
        assertThat(raw.header("kafka_dlt-original-partition")).isEqualTo("5");
        assertThat(raw.header("kafka_dlt-original-offset")).isEqualTo("1234");
        assertThat(raw.header("kafka_dlt-exception-message")).isEqualTo("bad");
        assertThat(raw.header("x-binary")).isEqualTo("0xff00");
        assertThat(raw.position()).isEqualTo("refund.requests.DLT@0:3");
    }
}
