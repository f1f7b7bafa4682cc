package dev.phasekeeper.security.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.security.AdminOnlyPath;
import dev.phasekeeper.security.SecurityProperties;
import dev.phasekeeper.web.WholeResponseFilter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.servlet.PathRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. The first lets through what has its own authentication or needs none:
 * Cockpit ({@code /camunda}) and the engine REST API (Camunda's login and Basic filter), script
 * callbacks ({@code /callbacks/**}, whose controllers check the run's own token), health, the
 * start page and static files. The second covers everything else, the API surfaces included:
 * stateless, an API key on every request, admins only on {@code /admin/**}, actuator endpoints
 * and the {@link AdminOnlyPath} rules of other modules.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final PathPatternRequestMatcher.Builder PATHS =
      PathPatternRequestMatcher.withDefaults();

  /** Admin entities, actuator endpoints (health is open), changes to global hook definitions. */
  private static final List<AdminOnlyPath> ADMIN_ONLY = List.of(
      AdminOnlyPath.of(HttpMethod.POST, "/mws/rest/services/hooks/global-definitions/**"),
      AdminOnlyPath.of(HttpMethod.PUT, "/mws/rest/services/hooks/global-definitions/**"),
      AdminOnlyPath.of(HttpMethod.DELETE, "/mws/rest/services/hooks/global-definitions/**"),
      AdminOnlyPath.of(HttpMethod.PUT, "/mws/rest/services/hooks/*/global-definitions"),
      AdminOnlyPath.any("/admin/**"),
      AdminOnlyPath.any("/actuator/**"));

  /**
   * Endpoints that scripts call back on with the token of their run (PHASEKEEPER_TOKEN), which
   * the endpoint checks itself: no API key is asked for here.
   */
  static final String CALLBACKS = "/callbacks/**";

  static final RequestMatcher MOAB = PATHS.matcher("/mws/**");
  static final RequestMatcher LOOM = PATHS.matcher("/v1/loom/**");

  /** Camunda's own surfaces, which authenticate their callers themselves. */
  static final RequestMatcher CAMUNDA = new OrRequestMatcher(PATHS.matcher("/camunda/**"),
      PATHS.matcher(CamundaRestAuthConfiguration.ENGINE_REST + "/**"));

  /**
   * No observation (span and timer) around each security filter, authentication and
   * authorization: every API request passes some fifteen filters, and wrapping each cost more
   * CPU than the API key check itself. Requests are still timed as a whole
   * ({@code http.server.requests}).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @Order(1)
  SecurityFilterChain openPathsChain(HttpSecurity http) throws Exception {
    return http
        .securityMatcher(new OrRequestMatcher(CAMUNDA,
            PATHS.matcher(CALLBACKS),
            PATHS.matcher("/actuator/health/**"),
            PATHS.matcher(HttpMethod.GET, "/"),
            PATHS.matcher(HttpMethod.GET, "/index.html"),
            PATHS.matcher("/error"),
            PathRequest.toStaticResources().atCommonLocations()))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // Cockpit has its own CSRF protection and security headers.
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiChain(HttpSecurity http, ApiKeyAuthenticationProvider provider,
      UserAccounts users, ObjectProvider<AdminOnlyPath> adminOnly, SecurityErrors errors)
      throws Exception {
    AuthenticationFilter keys = new AuthenticationFilter(new ProviderManager(provider),
        new ApiKeyAuthenticationConverter(LOOM));
    keys.setSuccessHandler((request, response, authentication) -> { });
    keys.setFailureHandler((request, response, e) -> errors.commence(request, response, e));
    return http
        .authorizeHttpRequests(requests -> {
          ADMIN_ONLY.forEach(rule -> requests.requestMatchers(matcher(rule))
              .hasRole(Role.ADMIN.name()));
          adminOnly.orderedStream().forEach(rule -> requests.requestMatchers(matcher(rule))
              .hasRole(Role.ADMIN.name()));
          requests.anyRequest().authenticated();
        })
        .addFilterAt(keys, BasicAuthenticationFilter.class)
        .addFilterBefore(new ProxyUserFilter(MOAB, users), AuthorizationFilter.class)
        .exceptionHandling(handling -> handling.authenticationEntryPoint(errors)
            .accessDeniedHandler(errors))
        .sessionManagement(sessions -> sessions
            .sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  SecurityErrors securityErrors(ObjectMapper json) {
    return new SecurityErrors(json, MOAB, LOOM);
  }

  /** After Spring Security, so that a request without a valid key is refused unread. */
  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(SecurityProperties properties,
      SecurityErrors errors) {
    var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(
        properties.maxBodySize().toBytes(), CAMUNDA, errors));
    registration.setName("phasekeeper-body-size-limit");
    registration.setOrder(0);
    return registration;
  }

  /** First of all filters, so that every filter after it writes through it. */
  @Bean
  FilterRegistrationBean<WholeResponseFilter> wholeResponses() {
    var registration = new FilterRegistrationBean<>(new WholeResponseFilter(CAMUNDA));
    registration.setName("phasekeeper-whole-responses");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private static RequestMatcher matcher(AdminOnlyPath rule) {
    return PATHS.matcher(rule.method(), rule.pattern());
  }
}
