package io.refundflow.dashboard.live;

import io.refundflow.dashboard.flow.Views.Snapshot;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live view: a snapshot on request, and a stream of snapshots (server-sent events) while it changes. */
@RestController
class LiveController {

    private final LiveUpdates updates;

    LiveController(LiveUpdates updates) {
        this.updates = updates;
    }

    @GetMapping("/api/snapshot")
    Snapshot snapshot() {
        return updates.snapshot();
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal Jwt session) {
        return updates.subscribe(session.getExpiresAt());
    }
}
