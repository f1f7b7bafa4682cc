package dev.phasekeeper.web.internal;

import dev.phasekeeper.web.ErrorShapes;
import dev.phasekeeper.web.InvalidRequestException;
import dev.phasekeeper.web.UnreadableBody;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What Spring MVC refuses before or beside a surface's own error advice (no handler for the path, a
 * content type no handler takes, a multipart body, a parameter of the wrong type, a shared rule
 * such as paging), answered in the shape of the surface the path belongs to. Surfaces' own advices
 * come first; this one catches what they leave.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ShapedErrorsAdvice {

  private final ErrorShapes shapes;

  ShapedErrorsAdvice(ErrorShapes shapes) {
    this.shapes = shapes;
  }

  @ExceptionHandler(InvalidRequestException.class)
  void invalid(InvalidRequestException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    write(request, response, HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(
        request,
        response,
        HttpStatus.PAYLOAD_TOO_LARGE,
        "body: too large; send a smaller request as application/json");
  }

  @ExceptionHandler(MultipartException.class)
  void multipart(HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        "Content-Type: multipart bodies are not" + " read here; send application/json");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  void mediaType(
      HttpMediaTypeNotSupportedException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    write(
        request,
        response,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type: "
            + (e.getContentType() == null
                ? "missing"
                : "'" + e.getContentType() + "' is not read" + " here")
            + "; send application/json");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  void unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    write(request, response, HttpStatus.BAD_REQUEST, UnreadableBody.describe(e));
  }

  @ExceptionHandler(TypeMismatchException.class)
  void typeMismatch(
      TypeMismatchException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String type =
        e.getRequiredType() == null
            ? "value"
            : e.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT);
    write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        e.getPropertyName() + ": '" + e.getValue() + "' is not a valid " + type);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  void missing(
      MissingServletRequestParameterException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    write(request, response, HttpStatus.BAD_REQUEST, e.getParameterName() + ": required");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(
        request,
        response,
        HttpStatus.NOT_FOUND,
        "path: nothing is served here; check the path and its parameters");
  }

  /**
   * Spring MVC's other refusals (method not allowed, not acceptable, a missing header, ...), which
   * carry their status; any other servlet exception goes on to the container.
   */
  @ExceptionHandler({ServletException.class, ErrorResponseException.class})
  void refused(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    if (!(e instanceof ErrorResponse refusal) || !refusal.getStatusCode().is4xxClientError()) {
      throw e;
    }
    String detail = refusal.getBody().getDetail();
    write(
        request,
        response,
        HttpStatus.valueOf(refusal.getStatusCode().value()),
        "request: " + (detail == null ? "refused" : detail));
  }

  private void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    shapes.write(ErrorShapes.pathOf(request), status.value(), message, response);
  }
}
