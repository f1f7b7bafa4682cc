package dev.phasekeeper.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the key a request presents: {@code X-Api-Key: KEY}, {@code Authorization: Bearer KEY},
 * or on the Loom surface {@code X-Loom-UserID} with {@code X-Loom-ApiKey}. No key means no
 * authentication (and a 401 where one is needed).
 */
final class ApiKeyAuthenticationConverter implements AuthenticationConverter {

  static final String API_KEY = "X-Api-Key";
  static final String LOOM_USER = "X-Loom-UserID";
  static final String LOOM_KEY = "X-Loom-ApiKey";

  private static final String BEARER = "bearer ";

  private final RequestMatcher loomPaths;

  ApiKeyAuthenticationConverter(RequestMatcher loomPaths) {
    this.loomPaths = loomPaths;
  }

  @Override
  public Authentication convert(HttpServletRequest request) {
    String key = request.getHeader(API_KEY);
    if (present(key)) {
      return ApiKeyAuthentication.presented(key.trim(), null);
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && present(authorization.substring(BEARER.length()))) {
      return ApiKeyAuthentication.presented(authorization.substring(BEARER.length()).trim(),
          null);
    }
    if (loomPaths.matches(request)) {
      return loom(request.getHeader(LOOM_USER), request.getHeader(LOOM_KEY));
    }
    return null;
  }

  private static Authentication loom(String user, String key) {
    if (!present(user) && !present(key)) {
      return null;
    }
    if (!present(user) || !present(key)) {
      throw new BadCredentialsException("send both X-Loom-UserID and X-Loom-ApiKey");
    }
    return ApiKeyAuthentication.presented(key.trim(), user.trim());
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
