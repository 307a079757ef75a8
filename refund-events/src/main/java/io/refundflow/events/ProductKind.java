package io.refundflow.events;

public enum ProductKind {
    SAAS, SERVICE, IMAGE, API_OR_DOWNLOAD, SERVER
}
