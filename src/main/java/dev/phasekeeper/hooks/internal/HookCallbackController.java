package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a hook script reports progress: {@code PUT $PHASEKEEPER_CALLBACK_URL} with {@code
 * Authorization: Bearer $PHASEKEEPER_TOKEN}. Not behind API keys: the run's token is the
 * credential, checked by {@link CallbackCallerFilter} before the body is read.
 */
@RestController
class HookCallbackController {

  private final HookCallbacks callbacks;

  HookCallbackController(HookCallbacks callbacks) {
    this.callbacks = callbacks;
  }

  @PutMapping(
      path = "/callbacks/hook-runs/{runId}",
      consumes = MediaType.ALL_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "A running hook script reports its status and output, and its"
              + " service's status, statusCode, attributes and stepsCompleted")
  ObjectNode report(
      @PathVariable String runId,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody(required = false) JsonNode body) {
    return callbacks.report(runId, token(authorization), body);
  }

  /** The run's token; {@link CallbackCallerFilter} has made sure one was sent. */
  private static String token(String authorization) {
    return authorization == null || !authorization.startsWith(CallbackCallerFilter.BEARER)
        ? ""
        : authorization.substring(CallbackCallerFilter.BEARER.length()).trim();
  }
}
