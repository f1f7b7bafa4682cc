package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.HookRunTokens;
import dev.phasekeeper.security.AdminOnlyPath;
import dev.phasekeeper.security.SelfAuthenticatedPath;
import dev.phasekeeper.web.ErrorShapes;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * What the hooks endpoints tell the security module: changes to global hook definitions are for
 * admins (they fire for every tenant's subjects), and script callbacks carry their run's token
 * instead of an API key, checked before their body is read.
 */
@Configuration(proxyBeanMethods = false)
class HooksWebConfiguration {

  private static final String GLOBAL_DEFINITIONS = "/mws/rest/services/hooks/global-definitions";

  /** After Spring Security's filters (-100), before the body size limit (0). */
  private static final int CALLBACK_FILTER_ORDER = -50;

  @Bean
  AdminOnlyPath createGlobalHookDefinitions() {
    return AdminOnlyPath.of(HttpMethod.POST, GLOBAL_DEFINITIONS + "/**");
  }

  @Bean
  AdminOnlyPath replaceGlobalHookDefinitions() {
    return AdminOnlyPath.of(HttpMethod.PUT, GLOBAL_DEFINITIONS + "/**");
  }

  @Bean
  AdminOnlyPath deleteGlobalHookDefinitions() {
    return AdminOnlyPath.of(HttpMethod.DELETE, GLOBAL_DEFINITIONS + "/**");
  }

  @Bean
  AdminOnlyPath changeGlobalHookDefinition() {
    return AdminOnlyPath.of(HttpMethod.PUT, "/mws/rest/services/hooks/*/global-definitions");
  }

  @Bean
  SelfAuthenticatedPath hookCallbackPaths() {
    return new SelfAuthenticatedPath(HookRunTokens.CALLBACK_PATH_PREFIX + "**");
  }

  @Bean
  FilterRegistrationBean<CallbackCallerFilter> callbackCallers(
      RunTokens tokens, ErrorShapes errors) {
    var registration = new FilterRegistrationBean<>(new CallbackCallerFilter(tokens, errors));
    registration.setName("phasekeeper-callback-callers");
    registration.addUrlPatterns(HookRunTokens.CALLBACK_PATH_PREFIX + "*");
    registration.setOrder(CALLBACK_FILTER_ORDER);
    return registration;
  }
}
