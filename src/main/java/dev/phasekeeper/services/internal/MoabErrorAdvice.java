package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Moab's error body, {@code {"messages": [...]}}, for the services surface. */
@RestControllerAdvice(assignableTypes = MoabServicesController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MoabErrorAdvice {

  @ExceptionHandler(MoabException.class)
  ResponseEntity<ObjectNode> moab(MoabException e) {
    return body(e.status(), e.messages());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ObjectNode> badParameter(MethodArgumentTypeMismatchException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        List.of(
            e.getName()
                + ": '"
                + e.getValue()
                + "' is not a valid "
                + (e.getRequiredType() == null
                    ? "value"
                    : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT))));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ObjectNode> missingParameter(MissingServletRequestParameterException e) {
    return body(HttpStatus.BAD_REQUEST, List.of(e.getParameterName() + ": required"));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
    return body(HttpStatus.BAD_REQUEST, List.of("body: could not be read"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ObjectNode> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, List.of("Content-Type: send application/json"));
  }

  private static ResponseEntity<ObjectNode> body(HttpStatus status, List<String> messages) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(MoabErrorShape.body(messages));
  }
}
