package io.refundflow.events;

public enum BillingMode {
    SUBSCRIPTION, PAY_AS_YOU_GO
}
