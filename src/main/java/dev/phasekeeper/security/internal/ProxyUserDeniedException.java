package dev.phasekeeper.security.internal;

import org.springframework.security.access.AccessDeniedException;

/** A refused {@code proxy-user}; its message is shown to the caller. */
class ProxyUserDeniedException extends AccessDeniedException {

  ProxyUserDeniedException(String message) {
    super("proxy-user: " + message);
  }
}
