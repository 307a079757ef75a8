package io.refundflow.dashboard.trail;

import io.refundflow.dashboard.flow.FlowProjection;
import io.refundflow.dashboard.flow.Views.Trail;
import io.refundflow.platform.web.problems.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A refund's full trail: every event of it across the topics, found by refund id or case number. */
@RestController
class TrailController {

    private final FlowProjection projection;

    TrailController(FlowProjection projection) {
        this.projection = projection;
    }

    @GetMapping("/api/trail")
    Trail trail(@RequestParam String q) {
        if (q.isBlank()) {
            throw ProblemException.invalid("q", "required");
        }
        return projection.trail(q).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "not-found",
                "Not found", "q: no refund with id or case number '" + q.trim() + "' on the topics"));
    }
}
