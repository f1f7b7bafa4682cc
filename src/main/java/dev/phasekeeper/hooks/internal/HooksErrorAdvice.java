package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.hooks.InvalidHookDefinitionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Moab's error body, {@code {"messages": [...]}}, for the hooks endpoints. */
@RestControllerAdvice(assignableTypes = {HooksController.class, HookCallbackController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class HooksErrorAdvice {

  private final ObjectMapper json;

  HooksErrorAdvice(ObjectMapper json) {
    this.json = json;
  }

  @ExceptionHandler(HooksException.class)
  ResponseEntity<ObjectNode> hooks(HooksException e) {
    return body(e.status(), e.getMessage());
  }

  @ExceptionHandler(InvalidHookDefinitionException.class)
  ResponseEntity<ObjectNode> invalid(InvalidHookDefinitionException e) {
    return body(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ObjectNode> badParameter(MethodArgumentTypeMismatchException e) {
    return body(HttpStatus.BAD_REQUEST, e.getName() + ": '" + e.getValue()
        + "' is not a valid value");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ObjectNode> missing(MissingServletRequestParameterException e) {
    return body(HttpStatus.BAD_REQUEST, e.getParameterName() + ": required");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
    return body(HttpStatus.BAD_REQUEST, "body: not valid JSON");
  }

  private ResponseEntity<ObjectNode> body(HttpStatus status, String message) {
    ObjectNode body = json.createObjectNode();
    body.putArray("messages").add(message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
