package dev.phasekeeper.security.internal;

import dev.phasekeeper.web.ErrorShapes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The 401, 403 and 413 answers and the firewall's 400, in the shape of the surface the path belongs
 * to ({@link ErrorShapes}). The messages say what to send, never what was sent.
 */
final class SecurityErrors
    implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

  static final String AUTHENTICATION_REQUIRED =
      "authentication required: send X-Api-Key or Authorization: Bearer";
  static final String ADMIN_REQUIRED = "forbidden: this request needs the admin role";

  private final ErrorShapes shapes;
  private final List<KeyHeaderForm> forms;

  SecurityErrors(ErrorShapes shapes, List<KeyHeaderForm> forms) {
    this.shapes = shapes;
    this.forms = forms;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"phasekeeper\"");
    String message =
        forms.stream()
            .filter(form -> form.paths().matches(request))
            .findFirst()
            .map(KeyHeaderForm::describe)
            .orElse(AUTHENTICATION_REQUIRED);
    write(request, response, HttpStatus.UNAUTHORIZED, message);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String message = e instanceof ProxyUserDeniedException ? e.getMessage() : ADMIN_REQUIRED;
    write(request, response, HttpStatus.FORBIDDEN, message);
  }

  /** Spring Security's firewall: a {@code ;}, {@code ..}, control character... in the URL. */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        "URL: refused: "
            + e.getMessage()
            + "; send a normalized path without ';', '..', '//' or control characters");
  }

  void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    shapes.write(ErrorShapes.pathOf(request), status.value(), message, response);
  }
}
