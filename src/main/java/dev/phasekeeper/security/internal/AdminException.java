package dev.phasekeeper.security.internal;

import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.FieldTooLongException;
import org.springframework.http.HttpStatus;

/** A refused admin request; rendered as a problem detail naming the field when there is one. */
class AdminException extends RuntimeException {

  private final HttpStatus status;
  private final String field;

  private AdminException(HttpStatus status, String field, String message) {
    super(field == null ? message : field + ": " + message);
    this.status = status;
    this.field = field;
  }

  static AdminException invalid(String field, String message) {
    return new AdminException(HttpStatus.BAD_REQUEST, field, message);
  }

  /** Checks a request body's fields against their limits, refusing the first one over. */
  static void checkLimits(FieldLimits limits, Record body) {
    try {
      limits.check(body);
    } catch (FieldTooLongException e) {
      throw new AdminException(
          HttpStatus.BAD_REQUEST,
          e.field(),
          e.length() + " characters, more than the " + e.max() + " allowed");
    }
  }

  static AdminException notFound(String what, String id) {
    return new AdminException(HttpStatus.NOT_FOUND, null, "no " + what + " has id '" + id + "'");
  }

  static AdminException conflict(String message) {
    return new AdminException(HttpStatus.CONFLICT, null, message);
  }

  HttpStatus status() {
    return status;
  }

  /** The request field that is wrong, or {@code null}. */
  String field() {
    return field;
  }
}
