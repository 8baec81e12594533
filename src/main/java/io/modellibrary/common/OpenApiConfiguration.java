package io.modellibrary.common;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document behind Swagger UI, with the envelope and the token described once. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    private static final String DESCRIPTION = """
            Self-hosted hub for machine-learning models and datasets.

            **Envelope.** Every JSON body is `{"code": int, "msg": string, "data": ...}`. `code` is 1 when a \
            login, a registration or a profile read succeeded and 0 otherwise; the HTTP status tells success \
            (200) from failure (400 bad input, 401 `no login`, 403 not allowed, 404 not found, 413 too large, \
            429 too many attempts, 500 unexpected). Endpoints of the original client answer some refusals \
            with 200 and code 0 (`no such item`, `item already exists`, `wrong username or password`).

            **Tokens.** Login and registration return a JWT in the `Authorization` response header. Send it \
            back as `Authorization: Bearer <jwt>`; every response to a request with a valid token carries a \
            renewed one in the same header. Use *Authorize* above to try the protected endpoints.

            **Times** are ISO-8601 UTC with milliseconds.""";

    @Bean
    OpenAPI modelLibraryOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Model Library API").version("1.0").description(DESCRIPTION))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
