package io.refundflow.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where this machine's TCP sockets listen, as the kernel reports them in {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (addresses in hex, as the kernel stores them): what {@code ss -ltn} shows.
 */
final class ListeningSockets {

    /** 127.0.0.1, ::1 and 127.0.0.1 mapped into IPv6 (a Java server socket on an IPv6 stack), as procfs writes them. */
    static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
            "0000000000000000FFFF00000100007F");

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** The local addresses (procfs hex) of the sockets listening on {@code port}, IPv4 and IPv6. */
    static List<String> localAddressesOn(int port) throws IOException {
        String portHex = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || !fields[3].equals(LISTEN)) {
                    continue;
                }
                String[] local = fields[1].split(":");
                if (local.length == 2 && local[1].equalsIgnoreCase(portHex)) {
                    addresses.add(local[0].toUpperCase(Locale.ROOT));
                }
            }
        }
        return addresses;
    }
}
