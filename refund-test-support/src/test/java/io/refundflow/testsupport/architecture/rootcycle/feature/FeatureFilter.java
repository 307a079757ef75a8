package io.refundflow.testsupport.architecture.rootcycle.feature;

import io.refundflow.testsupport.architecture.rootcycle.RootSettings;

/** A feature class reading the root package's settings, for ArchitectureRulesTest. */
public record FeatureFilter(RootSettings settings) {
}
