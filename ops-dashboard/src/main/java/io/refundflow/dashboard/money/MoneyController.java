package io.refundflow.dashboard.money;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the refunded money stands (ops only, like every {@code /api} path). */
@RestController
class MoneyController {

    private final MoneyLedger ledger;

    MoneyController(MoneyLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/money")
    MoneyView money() {
        return ledger.view();
    }
}
