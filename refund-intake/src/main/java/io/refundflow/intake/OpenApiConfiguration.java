package io.refundflow.intake;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header; served at {@code /v3/api-docs}, a copy kept in {@code openapi.json}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "refund-intake", version = "1",
                description = "Contact and submit steps of the refund workflow: open a case for an order, submit"
                        + " a refund or exchange application with evidence, follow the case's status. Every POST"
                        + " needs an Idempotency-Key header; every error is an RFC 9457 problem-details body."),
        servers = @Server(url = "/"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
