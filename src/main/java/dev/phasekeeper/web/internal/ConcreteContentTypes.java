package dev.phasekeeper.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose {@code Content-Type} is a pattern ({@code *}{@code /*}, {@code
 * application/*}) with 415 before its handler's body argument is read: Spring MVC would fail on it
 * with an assertion, a 500, on any endpoint that takes every content type.
 */
final class ConcreteContentTypes implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws HttpMediaTypeNotSupportedException {
    String header = request.getContentType();
    if (header == null) {
      return true;
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(header);
    } catch (InvalidMediaTypeException e) {
      return true;
    }
    if (type.isWildcardType() || type.isWildcardSubtype()) {
      throw new HttpMediaTypeNotSupportedException(
          type, List.of(MediaType.APPLICATION_JSON), HttpMethod.valueOf(request.getMethod()));
    }
    return true;
  }
}
