package io.refundflow.evaluator;

import io.refundflow.testsupport.WithRealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port against real Kafka and PostgreSQL, with the test profile. Every test
 * class uses exactly this, so they share one application context (one consumer in the group).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = EvaluatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@ActiveProfiles("test")
public @interface EvaluatorTest {
}
