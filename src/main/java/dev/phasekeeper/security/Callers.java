package dev.phasekeeper.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller of the current request, from Spring Security's context. */
@Component
public class Callers {

  public Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
      return caller;
    }
    return new Caller(authentication == null ? "anonymous" : authentication.getName(), null,
        true);
  }
}
