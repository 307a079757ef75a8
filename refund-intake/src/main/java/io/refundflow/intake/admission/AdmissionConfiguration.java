package io.refundflow.intake.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.intake.settings.IntakeProperties;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Registers the {@link AdmissionGate} as the first filter of every request, ahead of Spring Security, with the
 * {@link DecisionBacklog} it bounds submissions by.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

    @Bean
    AdmissionGate admissionGate(IntakeProperties properties, JwtDecoder tokens, DecisionBacklog backlog,
            MeterRegistry meters) {
        return new AdmissionGate(properties.admission(), tokens, backlog, meters);
    }

    @Bean
    DecisionBacklog decisionBacklog(IntakeProperties properties, JdbcTemplate jdbc, Clock clock) {
        IntakeProperties.Admission admission = properties.admission();
        return new DecisionBacklog(jdbc, clock, admission.undecidedWindow(), admission.undecidedSampleInterval());
    }

    @Bean
    FilterRegistrationBean<AdmissionGate> admissionGateRegistration(AdmissionGate gate) {
        FilterRegistrationBean<AdmissionGate> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
