package io.refundflow.intake.orders;

import io.refundflow.intake.problems.ApiException;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's orders, as the customer page lists them. */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrdersController {

    private final CustomerOrders orders;
    private final IntakeProperties properties;

    public OrdersController(CustomerOrders orders, IntakeProperties properties) {
        this.orders = orders;
        this.properties = properties;
    }

    @Operation(summary = "The caller's own orders, newest payment first", description = "The orders billing holds"
            + " for the signed-in customer (the token's subject), each with what was paid, what is still left to"
            + " refund (paid minus refunds approved or paid back) and the case whose request on it is still open."
            + " Customers only: staff have no orders of their own (403). At most the case list's largest page.")
    @GetMapping
    public List<CustomerOrder> myOrders() {
        Caller caller = Caller.current();
        if (!caller.isCustomer()) {
            throw ApiException.forbidden("customerId", "only customers have orders of their own");
        }
        return orders.of(caller.subject(), properties.paging().maxSize());
    }
}
