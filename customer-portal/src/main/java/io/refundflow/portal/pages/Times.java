package io.refundflow.portal.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times as the pages show them ({@code ${@times.format(at)}}): to the minute, in UTC, saying so. */
@Component("times")
public class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String format(Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }
}
