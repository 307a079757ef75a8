package io.refundflow.intake.cases;

import io.refundflow.intake.problems.ApiException;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contact step and case status. */
@RestController
@RequestMapping(path = "/api/cases", produces = MediaType.APPLICATION_JSON_VALUE)
public class CaseController {

    private final CaseService service;
    private final IntakeProperties properties;

    public CaseController(CaseService service, IntakeProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Operation(summary = "Open a case (contact step)", description = "A customer opens a case for one of their"
            + " orders; an agent may open one for any customer. The order must be known to the billing system"
            + " and belong to the customer (otherwise 422).")
    @ApiResponse(responseCode = "201", description = "Case opened; Location names it",
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @ApiResponse(responseCode = "429", description = "too-many-cases: as many cases as allowed were opened on the"
            + " order within a day (errors name orderId)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CaseView> contact(@Valid @RequestBody ContactRequest request) {
        CaseView opened = service.contact(Caller.current(), request);
        return ResponseEntity.created(URI.create("/api/cases/" + opened.summary().caseId())).body(opened);
    }

    @Operation(summary = "A case with its status and timeline")
    @GetMapping("/{caseId}")
    public CaseView get(@PathVariable String caseId) {
        return service.get(Caller.current(), caseId);
    }

    @Operation(summary = "The caller's cases, newest first", description = "Customers see their own cases;"
            + " agents and ops see all, or one customer's with customerId.")
    @GetMapping
    public CasePage list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(required = false) @Min(1) Integer size,
            @RequestParam(required = false) String customerId) {
        int pageSize = size == null ? properties.paging().defaultSize() : size;
        if (pageSize > properties.paging().maxSize()) {
            throw ApiException.badRequest("size",
                    "must be at most " + properties.paging().maxSize());
        }
        return service.list(Caller.current(), customerId, page, pageSize);
    }
}
