package io.refundflow.launcher;

import io.refundflow.platform.lifecycle.ParentWatch;
import java.util.Arrays;

/**
 * Runs another program's main class in a child JVM that exits once the launcher is gone, as the services do
 * with {@code refund.parent-pid}: {@code OrphanGuard <parent pid> <main class> <its arguments...>}.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Throwable {
        long parent = Long.parseLong(args[0]);
        ParentWatch.onParentExit(parent, () -> {
            System.err.println("OrphanGuard: process " + parent + " that started " + args[1] + " is gone; exiting");
            System.exit(0);
        });
        Class.forName(args[1]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
