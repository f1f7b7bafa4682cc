package dev.phasekeeper.security.internal;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's engine REST API ({@code /engine-rest}) asks for HTTP Basic credentials of a Camunda
 * user (such as the Cockpit admin), checked by Camunda's own filter against its identity
 * service. Spring Security leaves these paths alone.
 */
@Configuration(proxyBeanMethods = false)
class CamundaRestAuthConfiguration {

  static final String ENGINE_REST = "/engine-rest";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX,
        ENGINE_REST);
    registration.addUrlPatterns(ENGINE_REST + "/*");
    return registration;
  }
}
