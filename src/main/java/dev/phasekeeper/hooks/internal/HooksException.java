package dev.phasekeeper.hooks.internal;

import org.springframework.http.HttpStatus;

/** An error of the hooks endpoints: its HTTP status and a message naming what is wrong. */
class HooksException extends RuntimeException {

  private final HttpStatus status;

  HooksException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
