package dev.phasekeeper.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller of the current request, from Spring Security's context. */
@Component
public class Callers {

  /**
   * The authenticated caller: the owner of the request's API key, or the user an admin acts as with
   * a surface's proxy-user parameter.
   *
   * @throws AuthenticationCredentialsNotFoundException when the request is not authenticated (which
   *     the filter chain prevents on every API path), so nothing runs as nobody
   */
  public Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.isAuthenticated()
        && authentication.getPrincipal() instanceof Caller caller) {
      return caller;
    }
    throw new AuthenticationCredentialsNotFoundException(
        "authentication required: send X-Api-Key or Authorization: Bearer");
  }
}
