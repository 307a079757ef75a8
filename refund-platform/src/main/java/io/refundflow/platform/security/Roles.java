package io.refundflow.platform.security;

import java.util.Locale;

/** The roles a token may carry in its {@code roles} claim, and the authorities they become. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";
    public static final String OPS = "ops";

    public static final String ROLE_CUSTOMER = "ROLE_CUSTOMER";
    public static final String ROLE_AGENT = "ROLE_AGENT";
    public static final String ROLE_OPS = "ROLE_OPS";

    private Roles() {
    }

    public static String authorityOf(String role) {
        return "ROLE_" + role.trim().toUpperCase(Locale.ROOT);
    }
}
