package io.refundflow.testsupport.architecture.rootcycle;

/** A module's settings in its root package, read by a feature, for ArchitectureRulesTest. */
public record RootSettings(int limit) {
}
