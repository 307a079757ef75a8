package io.refundflow.launcher;

import java.nio.file.Path;
import java.util.List;

/** What the person who started the system needs to know: where everything is and how to use it. */
final class Banner {

    private Banner() {
    }

    static String text(List<LocalService> services, LocalKafka kafka, LocalMail mail, Path logs) {
        StringBuilder out = new StringBuilder("\n==================== refundflow is running ====================\n");
        for (LocalService service : services) {
            out.append(String.format("  %-17s %s   (log: %s)%n", service.module(), service.url(),
                    logs.resolve(service.module() + ".log")));
        }
        out.append(String.format("  %-17s %s%n", "Kafka", kafka.bootstrapServers()));
        out.append(String.format("  %-17s smtp://127.0.0.1:%d   inbox: %s%n", "SMTP", mail.smtpPort(), mail.inboxUrl()));
        out.append("\nPress Ctrl-C to stop everything.\n");
        return out.toString();
    }
}
