package io.refundflow.notifier;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/** notifier keeps the architecture every module keeps (rules in {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "io.refundflow.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = ArchitectureRules.featurePackagesAreFreeOfCycles("notifier");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ArchitectureRules.noOtherServiceIsUsed("notifier");

    @ArchTest
    static final ArchRule webClassesUseNoJdbc = ArchitectureRules.webClassesUseNoJdbc();

    @ArchTest
    static final ArchRule modelIsFreeOfSpringJdbcAndKafka = ArchitectureRules.modelIsFreeOfSpringJdbcAndKafka("notifier");
}
