package io.refundflow.testsupport.architecture.rootcycle;

import io.refundflow.testsupport.architecture.rootcycle.feature.FeatureFilter;

/** Wiring in the root package that uses a feature which reads the root's settings back, for ArchitectureRulesTest. */
public class RootWiring {

    public FeatureFilter filter() {
        return new FeatureFilter(new RootSettings(1));
    }
}
