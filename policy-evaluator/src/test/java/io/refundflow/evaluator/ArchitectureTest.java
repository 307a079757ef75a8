package io.refundflow.evaluator;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/** policy-evaluator keeps the architecture every module keeps (rules in {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "io.refundflow.evaluator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            ArchitectureRules.featurePackagesAreFreeOfCycles("evaluator");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ArchitectureRules.noOtherServiceIsUsed("evaluator");

    @ArchTest
    static final ArchRule policyEngineIsFreeOfSpringJdbcAndKafka =
            ArchitectureRules.freeOfSpringJdbcAndKafka("io.refundflow.evaluator.policy..");

    @ArchTest
    static final ArchRule modelIsFreeOfSpringJdbcAndKafka =
            ArchitectureRules.modelIsFreeOfSpringJdbcAndKafka("evaluator");

    @ArchTest
    static final ArchRule tryoutIsPlainBesideItsBeans =
            ArchitectureRules.plainClassesFreeOfSpringJdbcAndKafka("io.refundflow.evaluator.tryout..");

    @ArchTest
    static final ArchRule webClassesUseNoJdbc = ArchitectureRules.webClassesUseNoJdbc();
}
