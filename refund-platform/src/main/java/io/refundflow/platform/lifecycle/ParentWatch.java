package io.refundflow.platform.lifecycle;

import java.util.Optional;

/**
 * Ends a child process once the process that started it is gone. A parent killed with SIGKILL runs no shutdown
 * hook, so it cannot stop its children; without this they would keep running and holding their ports.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    /** Runs {@code whenGone} once the process {@code parentPid} has ended (at once if it already has). */
    public static void onParentExit(long parentPid, Runnable whenGone) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            whenGone.run();
            return;
        }
        parent.get().onExit().thenRun(whenGone);
    }
}
