package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.HookRunTokens;
import dev.phasekeeper.web.ErrorShapes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a script callback's caller before anything reads its body: without the run's own token
 * ({@code Authorization: Bearer $PHASEKEEPER_TOKEN}) the answer is 403, whatever the body holds.
 * The controller then checks that the run still waits.
 */
final class CallbackCallerFilter extends OncePerRequestFilter {

  static final String BEARER = "Bearer ";

  private final RunTokens tokens;
  private final ErrorShapes errors;

  CallbackCallerFilter(RunTokens tokens, ErrorShapes errors) {
    this.tokens = tokens;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(HookRunTokens.CALLBACK_PATH_PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String runId = request.getRequestURI().substring(HookRunTokens.CALLBACK_PATH_PREFIX.length());
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.startsWith(BEARER)) {
      refuse(
          request,
          response,
          "Authorization: send Bearer $PHASEKEEPER_TOKEN, the token of" + " this hook run");
      return;
    }
    if (!tokens.isTokenOf(runId, authorization.substring(BEARER.length()).trim())) {
      refuse(request, response, "Authorization: this token is not the one of hook run " + runId);
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String message)
      throws IOException {
    errors.write(request.getRequestURI(), HttpStatus.FORBIDDEN.value(), message, response);
  }
}
