package io.refundflow.testsupport.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * refund-test-support's own main code keeps the architecture every module keeps: it starts real infrastructure
 * and talks to the services over HTTP and Kafka like a client, using none of their classes, so every service's
 * tests can depend on it.
 */
@AnalyzeClasses(packages = "io.refundflow.testsupport", importOptions = ImportOption.DoNotIncludeTests.class)
class TestSupportArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            ArchitectureRules.featurePackagesAreFreeOfCycles("testsupport");

    @ArchTest
    static final ArchRule noServiceIsUsed = ArchitectureRules.noServiceIsUsedBy("testsupport");
}
