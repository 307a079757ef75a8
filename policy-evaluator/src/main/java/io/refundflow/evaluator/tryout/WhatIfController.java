package io.refundflow.evaluator.tryout;

import io.refundflow.evaluator.tryout.WhatIfViews.Report;
import io.refundflow.evaluator.tryout.WhatIfViews.WhatIfBody;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/policy/what-if}: which stored decisions of a time range would a candidate policy change?
 * Body {@code {"policy": "<yaml>", "from": "...", "to": "...", "sampleSize": 20}}. An invalid candidate is a
 * 400 problem carrying the loader's message (line or rule). Nothing is stored or published.
 */
@RestController
class WhatIfController {

    private final WhatIfService whatIf;

    WhatIfController(WhatIfService whatIf) {
        this.whatIf = whatIf;
    }

    @Operation(summary = "Which stored decisions of a time range would a candidate policy change?",
            description = "Nothing is stored or published; an invalid candidate is a 400 naming the line or rule.")
    @PostMapping(path = "/api/policy/what-if", consumes = MediaType.APPLICATION_JSON_VALUE)
    Report whatIf(@RequestBody WhatIfBody body) {
        return whatIf.compare(body);
    }

    @ExceptionHandler(InvalidWhatIfException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidWhatIfException e) {
        return ProblemDetails.response(ProblemDetails.withErrors(HttpStatus.BAD_REQUEST,
                ProblemDetails.INVALID_REQUEST, ProblemDetails.INVALID_REQUEST_TITLE, e.getMessage(),
                List.of(e.error())));
    }
}
