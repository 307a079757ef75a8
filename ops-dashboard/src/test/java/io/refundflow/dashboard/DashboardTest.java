package io.refundflow.dashboard;

import io.refundflow.testsupport.WithRealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dashboard on a random port against real Kafka and PostgreSQL, with the services whose APIs the page uses
 * running as processes of their own ({@link ServiceProcesses}). Every integration test class uses exactly this,
 * so they share one application context: one dashboard in the ops-dashboard consumer group.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = DashboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@ContextConfiguration(initializers = ServiceProcesses.class)
@ActiveProfiles("test")
public @interface DashboardTest {
}
