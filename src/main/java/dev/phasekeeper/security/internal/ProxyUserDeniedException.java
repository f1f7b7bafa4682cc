package dev.phasekeeper.security.internal;

import org.springframework.security.access.AccessDeniedException;

/** A refused proxy-user parameter; its message, naming the parameter, is shown to the caller. */
class ProxyUserDeniedException extends AccessDeniedException {

  ProxyUserDeniedException(String parameter, String message) {
    super(parameter + ": " + message);
  }
}
