package io.refundflow.platform.web.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class JsonFieldPathTest {

    record Item(int quantity) {
    }

    record Order(String id, List<Item> items) {
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aFailingValueInsideAListIsNamedByPropertiesAndIndexes() {
        // given
        JacksonException failure = failureReading("{\"id\":\"o-1\",\"items\":[{\"quantity\":1},{\"quantity\":\"x\"}]}");

        // when
        String path = JsonFieldPath.of(failure);

        // then
        assertThat(path).isEqualTo("items[1].quantity");
    }

    @Test
    void aDocumentThatFailsAsAWholeHasAnEmptyPath() {
        // given
        JacksonException failure = failureReading("{not json");

        // when
        String path = JsonFieldPath.of(failure);

        // then
        assertThat(path).isEmpty();
    }

    @Test
    void theJacksonFailureIsFoundBehindSpringsUnreadableBody() {
        // given
        JacksonException failure = failureReading("{\"items\":[{\"quantity\":\"x\"}]}");
        HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("JSON parse error",
                failure, new MockHttpInputMessage(new byte[0]));

        // when
        JacksonException found = JsonFieldPath.causeOf(unreadable);

        // then
        assertThat(found).isSameAs(failure);
        assertThat(JsonFieldPath.causeOf(new IllegalStateException("no JSON involved"))).isNull();
    }

    private JacksonException failureReading(String document) {
        try {
            json.readValue(document, Order.class);
        } catch (JacksonException e) {
            return e;
        }
        throw new AssertionError("expected " + document + " to fail");
    }
}
