package io.refundflow.notifier.ops;

import io.refundflow.notifier.model.UnconfirmedEmail;
import io.refundflow.notifier.sending.UnconfirmedEmails;
import io.refundflow.notifier.sending.UnconfirmedEmails.NotUnconfirmed;
import io.refundflow.notifier.sending.UnconfirmedEmails.Resend;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops' view of emails the mail server may or may not have delivered (UNCONFIRMED), and the explicit resend
 * of one. Ops role only (see {@code OpsOnlyApiSecurity}).
 */
@RestController
@RequestMapping("/api/unconfirmed-emails")
class UnconfirmedEmailsController {

    static final String DUPLICATE_WARNING = "the mail server may already have delivered this email, so the"
            + " customer may receive it twice; it is resent with the same Message-ID, which lets a receiving"
            + " system that remembers Message-IDs drop the copy";

    /** What a CloudEvents id of the decision events looks like; anything else is refused before any lookup. */
    private static final Pattern EVENT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    private final UnconfirmedEmails emails;

    UnconfirmedEmailsController(UnconfirmedEmails emails) {
        this.emails = emails;
    }

    @Operation(summary = "The UNCONFIRMED emails, oldest first", description = "Emails the mail server may or may"
            + " not have delivered: the whole message went out and no answer came. At most"
            + " refund.notifier.unconfirmed-list-limit of them.")
    @GetMapping
    List<UnconfirmedEmail> list() {
        return emails.list();
    }

    /** The answer to a resend: queued again, with the duplicate warning. */
    record Resent(String decisionEventId, String status, String warning) {
    }

    @Operation(summary = "Resend one UNCONFIRMED email; the customer may receive it twice", description = "Puts"
            + " the email back to PENDING and the sender sends it at once, with the same Message-ID. Ask the"
            + " customer or the mail provider first whether the first copy arrived.")
    @ApiResponse(responseCode = "202", description = "Queued again; the warning says the customer may receive the"
            + " email twice", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Resent.class)))
    @PostMapping("/{decisionEventId}/resend")
    ResponseEntity<?> resend(@PathVariable String decisionEventId, Principal caller) {
        if (!EVENT_ID.matcher(decisionEventId).matches()) {
            throw ProblemException.invalid("decisionEventId", "must match " + EVENT_ID.pattern());
        }
        Resend outcome = emails.resend(decisionEventId, caller.getName());
        if (outcome instanceof UnconfirmedEmails.Queued) {
            return ResponseEntity.accepted().body(new Resent(decisionEventId, "PENDING", DUPLICATE_WARNING));
        }
        String path = "/api/unconfirmed-emails/" + decisionEventId + "/resend";
        if (outcome instanceof NotUnconfirmed not) {
            return problem(HttpStatus.CONFLICT, "not-unconfirmed", "Email not unconfirmed", "decisionEventId: the"
                    + " email for " + decisionEventId + " is " + not.status() + ", only an UNCONFIRMED one can be"
                    + " resent", path);
        }
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "decisionEventId: no email for "
                + decisionEventId, path);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title,
            String detail, String path) {
        return ProblemDetails.response(ProblemDetails.of(status, type, title, detail), path);
    }
}
