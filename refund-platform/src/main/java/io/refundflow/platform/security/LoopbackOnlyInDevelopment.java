package io.refundflow.platform.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * In development mode a service answers on this machine only. Development mode accepts tokens signed with the
 * published development secret (and refund-identity signs in its published demo users), so anyone who can reach
 * the port can act as ops: bound to a network interface, a development run is open to the network.
 *
 * <p>{@code server.address} unset means every interface, so it must be set, to a loopback address; so must
 * {@code management.server.address} when the management endpoints have a port of their own.
 */
public final class LoopbackOnlyInDevelopment {

    static final String SERVER_ADDRESS = "server.address";
    static final String MANAGEMENT_PORT = "management.server.port";
    static final String MANAGEMENT_ADDRESS = "management.server.address";

    private LoopbackOnlyInDevelopment() {
    }

    /** Fails when this development run would listen on anything but a loopback address, naming what to set. */
    public static void requireLoopback(Environment environment) {
        requireLoopback(environment, SERVER_ADDRESS);
        String managementPort = environment.getProperty(MANAGEMENT_PORT);
        if (managementPort != null && !managementPort.isBlank()
                && !managementPort.strip().equals(environment.getProperty("server.port"))) {
            requireLoopback(environment, MANAGEMENT_ADDRESS);
        }
    }

    private static void requireLoopback(Environment environment, String property) {
        String address = environment.getProperty(property);
        if (address == null || address.isBlank() || !isLoopback(address.strip())) {
            throw new IllegalStateException(DevelopmentModeProperties.PROPERTY + "=true accepts the published"
                    + " development credentials, so a development run must listen on this machine only: set "
                    + property + "=127.0.0.1 (" + property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT)
                    + "); it is " + (address == null || address.isBlank() ? "unset, which means every interface"
                    : address) + ". Outside a local run, set " + DevelopmentModeProperties.PROPERTY + "=false.");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            InetAddress[] resolved = InetAddress.getAllByName(address);
            for (InetAddress each : resolved) {
                if (!each.isLoopbackAddress()) {
                    return false;
                }
            }
            return resolved.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
