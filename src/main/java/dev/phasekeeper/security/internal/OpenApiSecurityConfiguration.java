package dev.phasekeeper.security.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells OpenAPI readers (and Swagger UI's Authorize button) how to send an API key. */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurityConfiguration {

  @Bean
  OpenApiCustomizer apiKeySecuritySchemes() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi
          .getComponents()
          .addSecuritySchemes(
              "apiKey",
              new SecurityScheme()
                  .type(SecurityScheme.Type.APIKEY)
                  .in(SecurityScheme.In.HEADER)
                  .name(ApiKeyAuthenticationConverter.API_KEY))
          .addSecuritySchemes(
              "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"));
      openApi
          .addSecurityItem(new SecurityRequirement().addList("apiKey"))
          .addSecurityItem(new SecurityRequirement().addList("bearer"));
    };
  }
}
