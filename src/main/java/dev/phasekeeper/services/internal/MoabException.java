package dev.phasekeeper.services.internal;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error the Moab surface answers with {@code {"messages": [...]}} and the given status. */
class MoabException extends RuntimeException {

  private final HttpStatus status;
  private final List<String> messages;

  MoabException(HttpStatus status, String message) {
    this(status, List.of(message));
  }

  MoabException(HttpStatus status, List<String> messages) {
    super(String.join("; ", messages));
    this.status = status;
    this.messages = List.copyOf(messages);
  }

  static MoabException badRequest(String message) {
    return new MoabException(HttpStatus.BAD_REQUEST, message);
  }

  static MoabException notFound(String idOrName) {
    return new MoabException(HttpStatus.NOT_FOUND, "service '" + idOrName + "' does not exist");
  }

  static MoabException conflict(String message) {
    return new MoabException(HttpStatus.CONFLICT, message);
  }

  HttpStatus status() {
    return status;
  }

  List<String> messages() {
    return messages;
  }
}
