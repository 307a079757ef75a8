package io.refundflow.identity;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.refundflow.testsupport.architecture.ArchitectureRules;

/**
 * refund-identity keeps the architecture every module keeps (rules in {@link ArchitectureRules}). It has no
 * {@code model} package and so no model rule: it is Spring Authorization Server configured with development users
 * and clients, and those are its settings ({@code IdentityProperties}), not a domain of its own.
 */
@AnalyzeClasses(packages = "io.refundflow.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ArchitectureRules.noOtherServiceIsUsed("identity");

    @ArchTest
    static final ArchRule webClassesUseNoJdbc = ArchitectureRules.webClassesUseNoJdbc();
}
