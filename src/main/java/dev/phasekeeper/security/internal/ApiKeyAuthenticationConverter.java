package dev.phasekeeper.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the key a request presents: {@code X-Api-Key: KEY}, {@code Authorization: Bearer KEY}, or
 * on a surface that declares its own headers ({@link dev.phasekeeper.security.UserKeyHeaders}) a
 * user header with a key header. No key means no authentication (and a 401 where one is needed).
 */
final class ApiKeyAuthenticationConverter implements AuthenticationConverter {

  static final String API_KEY = "X-Api-Key";

  private static final String BEARER = "bearer ";

  private final List<KeyHeaderForm> forms;

  ApiKeyAuthenticationConverter(List<KeyHeaderForm> forms) {
    this.forms = forms;
  }

  @Override
  public Authentication convert(HttpServletRequest request) {
    String key = request.getHeader(API_KEY);
    if (present(key)) {
      return ApiKeyAuthentication.presented(key.trim(), null);
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && present(authorization.substring(BEARER.length()))) {
      return ApiKeyAuthentication.presented(authorization.substring(BEARER.length()).trim(), null);
    }
    for (KeyHeaderForm form : forms) {
      if (form.paths().matches(request)) {
        return userAndKey(form, request);
      }
    }
    return null;
  }

  private static Authentication userAndKey(KeyHeaderForm form, HttpServletRequest request) {
    String user = request.getHeader(form.headers().userHeader());
    String key = request.getHeader(form.headers().keyHeader());
    if (!present(user) && !present(key)) {
      return null;
    }
    if (!present(user) || !present(key)) {
      throw new BadCredentialsException(
          "send both " + form.headers().userHeader() + " and " + form.headers().keyHeader());
    }
    return ApiKeyAuthentication.presented(key.trim(), user.trim());
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
