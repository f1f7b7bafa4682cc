package dev.phasekeeper.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes an error in the shape of the surface that serves the request's path: the first {@link
 * ErrorShape} bean that claims it, else RFC 9457 {@code application/problem+json}.
 */
@Component
public class ErrorShapes {

  /** Longer paths are not echoed back in a problem's {@code instance}. */
  private static final int MAX_INSTANCE_LENGTH = 1024;

  private final List<ErrorShape> shapes;
  private final ObjectMapper json;

  ErrorShapes(List<ErrorShape> shapes, ObjectMapper json) {
    this.shapes = List.copyOf(shapes);
    this.json = json;
  }

  /** The path a request was sent to, also while an error page is being rendered for it. */
  public static String pathOf(HttpServletRequest request) {
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = original instanceof String uri ? uri : request.getRequestURI();
    return path == null ? "" : path;
  }

  public ErrorShape.Body render(String path, int status, List<String> messages) {
    for (ErrorShape shape : shapes) {
      if (shape.claims(path)) {
        return shape.render(path, status, messages);
      }
    }
    return problem(path, status, messages);
  }

  /** The answer as a response entity, for exception handlers. */
  public ResponseEntity<Object> answer(
      HttpServletRequest request, HttpStatus status, String message) {
    ErrorShape.Body body = render(pathOf(request), status.value(), List.of(message));
    return ResponseEntity.status(status).contentType(body.contentType()).body(body.json());
  }

  /** Writes the answer straight to the response, for filters and the container. */
  public void write(String path, int status, String message, HttpServletResponse response)
      throws IOException {
    ErrorShape.Body body = render(path, status, List.of(message));
    response.setStatus(status);
    response.setContentType(body.contentType().toString());
    json.writeValue(response.getOutputStream(), body.json());
  }

  private ErrorShape.Body problem(String path, int status, List<String> messages) {
    HttpStatus known = HttpStatus.resolve(status);
    ObjectNode problem =
        json.createObjectNode()
            .put("type", "about:blank")
            .put("title", known == null ? "Error " + status : known.getReasonPhrase())
            .put("status", status)
            .put("detail", String.join("; ", messages));
    if (path.length() <= MAX_INSTANCE_LENGTH) {
      problem.put("instance", path);
    }
    return new ErrorShape.Body(MediaType.APPLICATION_PROBLEM_JSON, problem);
  }
}
