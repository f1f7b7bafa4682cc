package dev.phasekeeper.web.internal;

import dev.phasekeeper.web.ErrorShapes;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page ({@code /error}) in the shape of the surface the failed request was
 * sent to, in place of Spring Boot's own error JSON: errors a filter or the container sent with
 * {@code sendError} and exceptions no handler caught.
 */
@Controller
class ShapedErrorController implements ErrorController {

  private final ErrorShapes shapes;

  ShapedErrorController(ErrorShapes shapes) {
    this.shapes = shapes;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpStatus status = status(request);
    shapes.write(ErrorShapes.pathOf(request), status.value(), message(status, request), response);
  }

  /** The failed request's status; a client asking for the error page itself finds nothing. */
  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(code instanceof Integer value)) {
      return HttpStatus.NOT_FOUND;
    }
    HttpStatus status = HttpStatus.resolve(value);
    return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  private static String message(HttpStatus status, HttpServletRequest request) {
    if (status.is5xxServerError()) {
      return "the server failed to answer; its log has the details";
    }
    return switch (status) {
      case NOT_FOUND -> "path: nothing is served here; check the path and its parameters";
      case METHOD_NOT_ALLOWED -> "method: " + request.getMethod() + " is not allowed here";
      case UNSUPPORTED_MEDIA_TYPE -> "Content-Type: send application/json";
      case PAYLOAD_TOO_LARGE -> "body: too large; send a smaller request";
      default -> "request: refused (" + status.getReasonPhrase() + ")";
    };
  }
}
