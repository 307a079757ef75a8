package io.refundflow.launcher;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/**
 * refund-launcher keeps the architecture every module keeps (rules in {@link ArchitectureRules}): it starts the
 * services as processes, from their jars, and uses none of their classes.
 */
@AnalyzeClasses(packages = "io.refundflow.launcher", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = ArchitectureRules.featurePackagesAreFreeOfCycles("launcher");

    @ArchTest
    static final ArchRule noServiceIsUsed = ArchitectureRules.noServiceIsUsedBy("launcher");
}
