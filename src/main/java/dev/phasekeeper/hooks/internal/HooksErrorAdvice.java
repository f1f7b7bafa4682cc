package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.InvalidHookDefinitionException;
import dev.phasekeeper.web.ErrorShapes;
import dev.phasekeeper.web.UnreadableBody;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the hooks endpoints in the shape of their path: Moab's {@code {"messages": [...]}}
 * under {@code /mws}, problem+json on the script callbacks.
 */
@RestControllerAdvice(assignableTypes = {HooksController.class, HookCallbackController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class HooksErrorAdvice {

  private final ErrorShapes shapes;

  HooksErrorAdvice(ErrorShapes shapes) {
    this.shapes = shapes;
  }

  @ExceptionHandler(HooksException.class)
  ResponseEntity<Object> hooks(HooksException e, HttpServletRequest request) {
    return shapes.answer(request, e.status(), e.getMessage());
  }

  @ExceptionHandler(InvalidHookDefinitionException.class)
  ResponseEntity<Object> invalid(InvalidHookDefinitionException e, HttpServletRequest request) {
    return shapes.answer(request, HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> badParameter(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return shapes.answer(
        request,
        HttpStatus.BAD_REQUEST,
        e.getName() + ": '" + e.getValue() + "' is not a valid value");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Object> missing(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return shapes.answer(request, HttpStatus.BAD_REQUEST, e.getParameterName() + ": required");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    return shapes.answer(request, HttpStatus.BAD_REQUEST, UnreadableBody.describe(e));
  }
}
