package io.refundflow.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may write and read which topic, as the data file {@value #FILE} says (docker compose's broker reads the
 * same file): only refund-intake writes the trusted requests, only the evaluator writes decisions (and the
 * dashboard, to replay a dead letter), only the notifier writes notifications, only billing writes billing's
 * topics, and partners write nothing but their own requests topic.
 */
public final class KafkaAccess {

    static final String FILE = "/kafka-acls.txt";

    public static final String INTAKE = "refund-intake";
    public static final String EVALUATOR = "policy-evaluator";
    public static final String NOTIFIER = "notifier";
    public static final String DASHBOARD = "ops-dashboard";
    public static final String BILLING = "billing";
    public static final String PARTNER = "partner";

    private KafkaAccess() {
    }

    /** The principals the file grants anything to, in the order it names them. */
    public static List<String> users() {
        Set<String> users = new LinkedHashSet<>();
        rules().forEach(rule -> users.add(rule[0]));
        return List.copyOf(users);
    }

    public static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        for (String[] rule : rules()) {
            acls.add(new AclBinding(
                    new ResourcePattern(ResourceType.valueOf(rule[2]), rule[4], PatternType.valueOf(rule[3])),
                    new AccessControlEntry("User:" + rule[0], "*", AclOperation.valueOf(rule[1]),
                            AclPermissionType.ALLOW)));
        }
        return acls;
    }

    private static List<String[]> rules() {
        try (InputStream in = KafkaAccess.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + FILE + " on the launcher's classpath");
            }
            List<String[]> rules = new ArrayList<>();
            int number = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] rule = text.split("\\s+");
                if (rule.length != 5) {
                    throw new IllegalStateException(FILE + " line " + number + ": expected principal operation"
                            + " resource-type pattern resource-name, got '" + text + "'");
                }
                rules.add(rule);
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
