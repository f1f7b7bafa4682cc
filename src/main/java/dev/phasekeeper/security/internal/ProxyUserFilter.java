package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.Caller;
import dev.phasekeeper.security.ProxyUserParameter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A surface's proxy-user parameter ({@link ProxyUserParameter}, such as Moab's {@code proxy-user}):
 * an admin (the application account) acts as the named user, with that user's tenant and role.
 * Anyone else sending it gets 403, as does an unknown or admin user. Runs after authentication and
 * before the role checks, so a proxied request is checked as the user's.
 */
final class ProxyUserFilter extends OncePerRequestFilter {

  /** A surface's parameter with the matcher of its paths. */
  record Rule(ProxyUserParameter parameter, RequestMatcher paths) {

    static Rule of(ProxyUserParameter parameter) {
      return new Rule(
          parameter, PathPatternRequestMatcher.withDefaults().matcher(parameter.pattern()));
    }
  }

  private final List<Rule> rules;
  private final UserAccounts users;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  ProxyUserFilter(List<Rule> rules, UserAccounts users) {
    this.rules = rules;
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> parameter =
        rules.stream()
            .filter(rule -> rule.paths().matches(request))
            .findFirst()
            .map(rule -> rule.parameter().name());
    Optional<String> proxyUser =
        parameter.flatMap(name -> queryParameter(request.getQueryString(), name));
    Authentication authentication = contexts.getContext().getAuthentication();
    if (proxyUser.isPresent()
        && authentication instanceof ApiKeyAuthentication authenticated
        && authenticated.getPrincipal() != null) {
      SecurityContext context = contexts.createEmptyContext();
      context.setAuthentication(
          proxied(authenticated.getPrincipal(), parameter.get(), proxyUser.get()));
      contexts.setContext(context);
    }
    chain.doFilter(request, response);
  }

  private ApiKeyAuthentication proxied(Caller caller, String parameter, String name) {
    if (!caller.admin()) {
      throw new ProxyUserDeniedException(
          parameter, "only an admin (application account) may" + " act as another user");
    }
    if (name.isBlank()) {
      throw new ProxyUserDeniedException(parameter, "give the name of the user to act as");
    }
    UserAccounts.User user =
        users
            .findByName(name)
            .orElseThrow(
                () -> new ProxyUserDeniedException(parameter, "no user is named '" + name + "'"));
    if (user.role() != Role.USER) {
      throw new ProxyUserDeniedException(
          parameter, "'" + name + "' is an admin; " + parameter + " acts as a user of one tenant");
    }
    return ApiKeyAuthentication.of(
        new Caller(user.name(), user.tenantId(), false), Role.USER.authorities());
  }

  /**
   * The parameter from the query string only: reading the body as a form would consume the JSON
   * that surfaces' controllers read.
   */
  static Optional<String> queryParameter(String query, String parameter) {
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (parameter.equals(name)) {
        return Optional.of(
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
