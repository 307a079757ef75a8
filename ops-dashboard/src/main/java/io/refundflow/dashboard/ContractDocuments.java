package io.refundflow.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The published contracts are static files under {@value #ROOT} (copied there by the build in the repository's
 * layout, so the AsyncAPI document's relative $refs to the event schemas resolve). The AsyncAPI document's old
 * address, {@code /asyncapi.yaml}, redirects there: a reader that resolves the refs against where it found the
 * document then finds them.
 */
@Configuration(proxyBeanMethods = false)
class ContractDocuments implements WebMvcConfigurer {

    static final String ROOT = "/contracts/";
    static final String ASYNCAPI = ROOT + "docs/asyncapi.yaml";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/asyncapi.yaml", ASYNCAPI);
    }
}
