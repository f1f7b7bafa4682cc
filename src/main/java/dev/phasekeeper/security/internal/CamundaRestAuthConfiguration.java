package dev.phasekeeper.security.internal;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's engine REST API ({@code /engine-rest}) asks for HTTP Basic credentials of a Camunda
 * user (such as the Cockpit admin), checked by Camunda's own filter against its identity service.
 * Spring Security leaves these paths alone.
 */
@Configuration(proxyBeanMethods = false)
class CamundaRestAuthConfiguration {

  static final String ENGINE_REST = "/engine-rest";

  /**
   * The provider Camunda's documentation names for HTTP Basic on the engine REST API, given by name
   * as its {@code web.xml} example does (its class is internal; docs/upgrading.md).
   */
  static final String HTTP_BASIC_PROVIDER =
      "org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-authentication");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, HTTP_BASIC_PROVIDER);
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, ENGINE_REST);
    registration.addUrlPatterns(ENGINE_REST + "/*");
    return registration;
  }
}
