package io.refundflow.peer.operaton.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.operaton.bpm.engine.variable.VariableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * POST /refunds starts the refund process (refund.bpmn) with the request's facts. The call returns when the
 * engine reaches the asynchronous email task: the decision table has decided and the instance, its history
 * and the email job are committed, so the answer carries the decision.
 */
@RestController
class RefundController {

    static final String PROCESS = "refund";
    private static final Logger log = LoggerFactory.getLogger(RefundController.class);

    private final RuntimeService runtime;
    private final Clock clock = Clock.systemUTC();

    RefundController(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @PostMapping("/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    RefundDecision start(@RequestBody RefundRequest request) {
        List<String> missing = request.missing();
        if (!missing.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "missing: " + String.join(", ", missing));
        }
        ProcessInstanceWithVariables instance = runtime.createProcessInstanceByKey(PROCESS)
                .businessKey(request.refundId())
                .setVariables(variables(request))
                .executeWithVariablesInReturn();
        VariableMap result = instance.getVariables();
        String outcome = result.getValue("outcome", String.class);
        String refund = BigDecimal.valueOf(result.getValue("refund", Double.class)).setScale(2, RoundingMode.HALF_EVEN)
                .toPlainString();
        log.info("refund {} decided {} ({} {}) in process instance {}", request.refundId(), outcome, refund,
                request.currency(), instance.getId());
        return new RefundDecision(request.refundId(), instance.getId(), outcome, refund, request.currency(),
                result.getValue("reasonCode", String.class));
    }

    /** The process variables: the request as it came, plus the time since payment the table's windows read. */
    private Map<String, Object> variables(RefundRequest r) {
        Map<String, Object> v = new HashMap<>();
        v.put("refundId", r.refundId());
        v.put("orderId", r.orderId());
        v.put("customerEmail", r.customerEmail());
        v.put("locale", r.locale() == null ? "en" : r.locale());
        v.put("requestKind", r.requestKind());
        v.put("ground", r.ground());
        v.put("productKind", r.productKind());
        v.put("billingMode", r.billingMode());
        v.put("serviceStatus", r.serviceStatus());
        v.put("imageUsage", r.imageUsage());
        // DMN compares numbers; money as double is exact enough for the two-decimal amounts it passes through
        v.put("paidAmount", r.paidAmount().doubleValue());
        v.put("refundedAmount", r.refundedAmount() == null ? 0.0 : r.refundedAmount().doubleValue());
        v.put("currency", r.currency());
        v.put("secondsSincePaid", Duration.between(r.paidAt(), clock.instant()).toSeconds());
        return v;
    }
}
