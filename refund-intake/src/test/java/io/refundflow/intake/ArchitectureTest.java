package io.refundflow.intake;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/** refund-intake keeps the architecture every module keeps (rules in {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "io.refundflow.intake", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = ArchitectureRules.featurePackagesAreFreeOfCycles("intake");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ArchitectureRules.noOtherServiceIsUsed("intake");

    @ArchTest
    static final ArchRule modelIsFreeOfSpringJdbcAndKafka = ArchitectureRules.modelIsFreeOfSpringJdbcAndKafka("intake");

    @ArchTest
    static final ArchRule webClassesUseNoJdbc = ArchitectureRules.webClassesUseNoJdbc();
}
