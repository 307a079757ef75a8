package io.refundflow.evaluator;

import io.refundflow.evaluator.policy.Policy;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.evaluator.policy.PolicyLoader;
import io.refundflow.evaluator.tryout.WhatIfLimits;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The current policy: the file named by {@code refund.evaluator.policy-file}, or the bundled one. Loaded once
 * at start-up; an invalid file fails the start-up with the loader's message, so a broken policy never decides.
 * Also how far a what-if may replay a candidate against it, handed to {@code tryout} as its own value.
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PolicyConfiguration.class);

    @Bean
    PolicyEngine policyEngine(EvaluatorProperties properties) {
        Policy policy = load(properties.policyFile());
        log.info("policy {} loaded from {} ({} rules)", policy.version(), policy.source(), policy.ruleIds().size());
        return new PolicyEngine(policy);
    }

    @Bean
    WhatIfLimits whatIfLimits(EvaluatorProperties properties) {
        return new WhatIfLimits(properties.whatIfSampleSize(), properties.whatIfMaxDecisions());
    }

    /** @param policyFile a filesystem path, or null for the bundled policy */
    public static Policy load(String policyFile) {
        return policyFile == null ? PolicyLoader.loadBundled() : PolicyLoader.load(Path.of(policyFile));
    }
}
