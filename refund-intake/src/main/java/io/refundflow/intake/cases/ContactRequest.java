package io.refundflow.intake.cases;

import io.refundflow.intake.model.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The contact step: a customer (or an agent for them) opens a case about one of the customer's orders.
 *
 * @param customerId only for agents acting for a customer (defaults to the order's owner); a customer's id
 *                   is the subject of their token
 */
public record ContactRequest(
        @NotBlank @Pattern(regexp = ContactRequest.ID, message = "must be 1-64 letters, digits or ._:- ")
        String orderId,
        @NotNull ContactChannel channel,
        @NotBlank @Size(max = 4000) String description,
        @Pattern(regexp = ContactRequest.ID, message = "must be 1-64 letters, digits or ._:- ") String customerId) {

    static final String ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";

    /** The channels a person can contact support through. */
    public enum ContactChannel {
        WEB, PHONE, CHAT, EMAIL;

        Channel toChannel() {
            return Channel.valueOf(name());
        }
    }
}
