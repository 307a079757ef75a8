package io.refundflow.dashboard.deadletter;

import io.refundflow.dashboard.flow.Views.Replay;
import io.refundflow.platform.security.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Replay of dead letters, one or all of a dead-letter topic (role ops). */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetterReplayer replayer;

    DeadLetterController(DeadLetterReplayer replayer) {
        this.replayer = replayer;
    }

    /** @param id the dead letter, {@code <dlt topic>@<partition>:<offset>} */
    @PostMapping("/replay")
    Replay replay(@RequestParam String id) {
        return replayer.replay(id, Caller.current().subject());
    }

    @PostMapping("/replay-all")
    Map<String, List<Replay>> replayAll(@RequestParam String topic) {
        return Map.of("replayed", replayer.replayAll(topic, Caller.current().subject()));
    }
}
