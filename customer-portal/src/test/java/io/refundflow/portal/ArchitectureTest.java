package io.refundflow.portal;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/** customer-portal keeps the architecture every module keeps (rules in {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "io.refundflow.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            ArchitectureRules.featurePackagesAreFreeOfCycles("portal");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ArchitectureRules.noOtherServiceIsUsed("portal");

    @ArchTest
    static final ArchRule modelIsFreeOfSpringJdbcAndKafka = ArchitectureRules.modelIsFreeOfSpringJdbcAndKafka("portal");
}
