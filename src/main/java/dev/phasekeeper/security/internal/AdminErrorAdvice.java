package dev.phasekeeper.security.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the admin API as {@code application/problem+json}; a problem about one field names
 * it in the detail and in a {@code field} property.
 */
@RestControllerAdvice(assignableTypes = {AdminTenantsController.class,
    AdminUsersController.class, AdminApiKeysController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminErrorAdvice extends ResponseEntityExceptionHandler {

  @ExceptionHandler(AdminException.class)
  ProblemDetail admin(AdminException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    if (e.field() != null) {
      problem.setProperty("field", e.field());
    }
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        unreadable(e));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** What is wrong with the body, without repeating it. */
  private static String unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof StreamConstraintsException limit) {
      return "body: too large or too deeply nested: " + limit.getOriginalMessage();
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."));
      return field + ": " + mapping.getOriginalMessage();
    }
    if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
      return "body: not valid JSON at line " + json.getLocation().getLineNr() + ", column "
          + json.getLocation().getColumnNr();
    }
    return "body: a JSON object is required";
  }
}
