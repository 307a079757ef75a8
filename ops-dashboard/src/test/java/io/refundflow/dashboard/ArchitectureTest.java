package io.refundflow.dashboard;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/** ops-dashboard keeps the architecture every module keeps (rules in {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "io.refundflow.dashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            ArchitectureRules.featurePackagesAreFreeOfCycles("dashboard");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ArchitectureRules.noOtherServiceIsUsed("dashboard");

    @ArchTest
    static final ArchRule modelIsFreeOfSpringJdbcAndKafka = ArchitectureRules.modelIsFreeOfSpringJdbcAndKafka("dashboard");

    @ArchTest
    static final ArchRule webClassesUseNoJdbc = ArchitectureRules.webClassesUseNoJdbc();
}
