package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Moab's {@code proxy-user} parameter: an admin (the application account) acts as the named
 * user, with that user's tenant and role. Anyone else sending it gets 403, as does an unknown or
 * admin user. Runs after authentication and before the role checks, so a proxied request is
 * checked as the user's.
 */
final class ProxyUserFilter extends OncePerRequestFilter {

  static final String PARAMETER = "proxy-user";

  private final RequestMatcher moabPaths;
  private final UserAccounts users;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  ProxyUserFilter(RequestMatcher moabPaths, UserAccounts users) {
    this.moabPaths = moabPaths;
    this.users = users;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Optional<String> proxyUser = queryParameter(request.getQueryString());
    Authentication authentication = contexts.getContext().getAuthentication();
    if (proxyUser.isPresent() && moabPaths.matches(request)
        && authentication instanceof ApiKeyAuthentication authenticated
        && authenticated.getPrincipal() != null) {
      SecurityContext context = contexts.createEmptyContext();
      context.setAuthentication(proxied(authenticated.getPrincipal(), proxyUser.get()));
      contexts.setContext(context);
    }
    chain.doFilter(request, response);
  }

  private ApiKeyAuthentication proxied(Caller caller, String name) {
    if (!caller.admin()) {
      throw new ProxyUserDeniedException("only an admin (application account) may act as"
          + " another user");
    }
    if (name.isBlank()) {
      throw new ProxyUserDeniedException("give the name of the user to act as");
    }
    UserAccounts.User user = users.findByName(name)
        .orElseThrow(() -> new ProxyUserDeniedException("no user is named '" + name + "'"));
    if (user.role() != Role.USER) {
      throw new ProxyUserDeniedException("'" + name + "' is an admin; proxy-user acts as a"
          + " user of one tenant");
    }
    return ApiKeyAuthentication.of(new Caller(user.name(), user.tenantId(), false),
        Role.USER.authorities());
  }

  /**
   * The parameter from the query string only: reading the body as a form would consume the JSON
   * that Moab's controllers read.
   */
  static Optional<String> queryParameter(String query) {
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
          StandardCharsets.UTF_8);
      if (PARAMETER.equals(name)) {
        return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
            StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
