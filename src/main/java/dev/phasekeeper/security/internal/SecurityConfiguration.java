package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.AdminOnlyPath;
import dev.phasekeeper.security.ProxyUserParameter;
import dev.phasekeeper.security.SecurityProperties;
import dev.phasekeeper.security.SelfAuthenticatedPath;
import dev.phasekeeper.security.UserKeyHeaders;
import dev.phasekeeper.web.ErrorShapes;
import dev.phasekeeper.web.WholeResponseFilter;
import java.util.ArrayList;
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
 * Two filter chains. The first lets through what has its own authentication or needs none: Cockpit
 * ({@code /camunda}) and the engine REST API (Camunda's login and Basic filter), the {@link
 * SelfAuthenticatedPath}s modules declare (script callbacks, which check the run's own token),
 * health, the start page and static files. The second covers everything else, the API surfaces
 * included: stateless, an API key on every request (in the surface's own {@link UserKeyHeaders}
 * too), admins only on {@code /admin/**}, actuator endpoints and the {@link AdminOnlyPath} rules
 * modules declare. No surface is named here: each contributes its rules as beans, and its error
 * shape through {@link dev.phasekeeper.web.ErrorShape}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final PathPatternRequestMatcher.Builder PATHS =
      PathPatternRequestMatcher.withDefaults();

  /** Admin entities, actuator endpoints (health is open). */
  private static final List<AdminOnlyPath> ADMIN_ONLY =
      List.of(AdminOnlyPath.any("/admin/**"), AdminOnlyPath.any("/actuator/**"));

  /** Camunda's own surfaces, which authenticate their callers themselves. */
  static final RequestMatcher CAMUNDA =
      new OrRequestMatcher(
          PATHS.matcher("/camunda/**"),
          PATHS.matcher(CamundaRestAuthConfiguration.ENGINE_REST + "/**"));

  /**
   * No observation (span and timer) around each security filter, authentication and authorization:
   * every API request passes some fifteen filters, and wrapping each cost more CPU than the API key
   * check itself. Requests are still timed as a whole ({@code http.server.requests}).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @Order(1)
  SecurityFilterChain openPathsChain(
      HttpSecurity http, ObjectProvider<SelfAuthenticatedPath> selfAuthenticated) throws Exception {
    List<RequestMatcher> open =
        new ArrayList<>(
            List.of(
                CAMUNDA,
                PATHS.matcher("/actuator/health/**"),
                PATHS.matcher(HttpMethod.GET, "/"),
                PATHS.matcher(HttpMethod.GET, "/index.html"),
                PATHS.matcher("/error"),
                PathRequest.toStaticResources().atCommonLocations()));
    selfAuthenticated.orderedStream().forEach(path -> open.add(PATHS.matcher(path.pattern())));
    return http.securityMatcher(new OrRequestMatcher(open))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // Cockpit has its own CSRF protection and security headers.
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiChain(
      HttpSecurity http,
      ApiKeyAuthenticationProvider provider,
      UserAccounts users,
      ObjectProvider<AdminOnlyPath> adminOnly,
      ObjectProvider<ProxyUserParameter> proxyUsers,
      ObjectProvider<UserKeyHeaders> keyHeaders,
      SecurityErrors errors)
      throws Exception {
    AuthenticationFilter keys =
        new AuthenticationFilter(
            new ProviderManager(provider), new ApiKeyAuthenticationConverter(forms(keyHeaders)));
    keys.setSuccessHandler((request, response, authentication) -> {});
    keys.setFailureHandler((request, response, e) -> errors.commence(request, response, e));
    return http.authorizeHttpRequests(
            requests -> {
              ADMIN_ONLY.forEach(
                  rule -> requests.requestMatchers(matcher(rule)).hasRole(Role.ADMIN.name()));
              adminOnly
                  .orderedStream()
                  .forEach(
                      rule -> requests.requestMatchers(matcher(rule)).hasRole(Role.ADMIN.name()));
              requests.anyRequest().authenticated();
            })
        .addFilterAt(keys, BasicAuthenticationFilter.class)
        .addFilterBefore(
            new ProxyUserFilter(
                proxyUsers.orderedStream().map(ProxyUserFilter.Rule::of).toList(), users),
            AuthorizationFilter.class)
        .exceptionHandling(
            handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }

  /** Also Spring Security's {@code RequestRejectedHandler}, picked up as the only bean of it. */
  @Bean
  SecurityErrors securityErrors(ErrorShapes shapes, ObjectProvider<UserKeyHeaders> keyHeaders) {
    return new SecurityErrors(shapes, forms(keyHeaders));
  }

  /** After Spring Security, so that a request without a valid key is refused unread. */
  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(
      SecurityProperties properties, SecurityErrors errors) {
    var registration =
        new FilterRegistrationBean<>(
            new BodySizeLimitFilter(properties.maxBodySize().toBytes(), CAMUNDA, errors));
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

  /** The user and key headers surfaces declare, with matchers for their paths. */
  private static List<KeyHeaderForm> forms(ObjectProvider<UserKeyHeaders> keyHeaders) {
    return keyHeaders.orderedStream().map(KeyHeaderForm::of).toList();
  }

  private static RequestMatcher matcher(AdminOnlyPath rule) {
    return PATHS.matcher(rule.method(), rule.pattern());
  }
}
