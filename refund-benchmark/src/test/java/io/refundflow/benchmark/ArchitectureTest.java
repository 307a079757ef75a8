package io.refundflow.benchmark;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/**
 * refund-benchmark keeps the architecture every module keeps (rules in {@link ArchitectureRules}): it drives the
 * services over HTTP and Kafka as a customer and a partner would, and uses none of their classes.
 */
@AnalyzeClasses(packages = "io.refundflow.benchmark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            ArchitectureRules.featurePackagesAreFreeOfCycles("benchmark");

    @ArchTest
    static final ArchRule noServiceIsUsed = ArchitectureRules.noServiceIsUsedBy("benchmark");
}
