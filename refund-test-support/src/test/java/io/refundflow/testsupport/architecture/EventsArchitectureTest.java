package io.refundflow.testsupport.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture of refund-events, checked here because refund-events cannot depend on this module (this module
 * depends on it): the contracts stand alone and know no service.
 */
@AnalyzeClasses(packages = "io.refundflow.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsArchitectureTest {

    @ArchTest
    static final ArchRule contractsUseNeitherSpringNorAnyOtherRefundflowPackage =
            ArchitectureRules.contractsStandAlone();

    @ArchTest
    static final ArchRule contractsUseNoService = ArchitectureRules.noServiceIsUsedBy("events");
}
