package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.UserKeyHeaders;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** A surface's user and key headers, with the matcher of the paths where they count. */
record KeyHeaderForm(UserKeyHeaders headers, RequestMatcher paths) {

  static KeyHeaderForm of(UserKeyHeaders headers) {
    return new KeyHeaderForm(
        headers, PathPatternRequestMatcher.withDefaults().matcher(headers.pattern()));
  }

  /** How to authenticate here, for a 401's message. */
  String describe() {
    return "authentication required: send X-Api-Key, Authorization: Bearer, or "
        + headers.userHeader()
        + " with "
        + headers.keyHeader();
  }
}
