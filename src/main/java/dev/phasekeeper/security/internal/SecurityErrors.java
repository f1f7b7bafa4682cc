package dev.phasekeeper.security.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The 401, 403 and 413 answers, in the shape of the surface asked: Moab's
 * {@code {"messages": [...]}} under {@code /mws}, {@code application/problem+json} elsewhere.
 * The messages say what to send, never what was sent.
 */
final class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String AUTHENTICATION_REQUIRED =
      "authentication required: send X-Api-Key or Authorization: Bearer";
  static final String LOOM_AUTHENTICATION_REQUIRED = "authentication required: send X-Api-Key,"
      + " Authorization: Bearer, or X-Loom-UserID with X-Loom-ApiKey";
  static final String ADMIN_REQUIRED = "forbidden: this request needs the admin role";

  private final ObjectMapper json;
  private final RequestMatcher moabPaths;
  private final RequestMatcher loomPaths;

  SecurityErrors(ObjectMapper json, RequestMatcher moabPaths, RequestMatcher loomPaths) {
    this.json = json;
    this.moabPaths = moabPaths;
    this.loomPaths = loomPaths;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException e) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"phasekeeper\"");
    write(request, response, HttpStatus.UNAUTHORIZED,
        loomPaths.matches(request) ? LOOM_AUTHENTICATION_REQUIRED : AUTHENTICATION_REQUIRED);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response,
      AccessDeniedException e) throws IOException {
    String message = e instanceof ProxyUserDeniedException ? e.getMessage() : ADMIN_REQUIRED;
    write(request, response, HttpStatus.FORBIDDEN, message);
  }

  void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
      String message) throws IOException {
    ObjectNode body = json.createObjectNode();
    if (moabPaths.matches(request)) {
      body.putArray("messages").add(message);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    } else {
      body.put("type", "about:blank");
      body.put("title", status.getReasonPhrase());
      body.put("status", status.value());
      body.put("detail", message);
      body.put("instance", request.getRequestURI());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }
    response.setStatus(status.value());
    json.writeValue(response.getOutputStream(), body);
  }
}
