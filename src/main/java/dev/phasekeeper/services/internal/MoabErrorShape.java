package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.web.ErrorShape;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Moab's error body, {@code {"messages": [...]}}, for every error under {@code /mws}: the services
 * and hooks endpoints, the security filters' 401 and 403, Tomcat's own refusals.
 */
@Component
class MoabErrorShape implements ErrorShape {

  private static final String PREFIX = "/mws";

  @Override
  public boolean claims(String path) {
    return path.startsWith(PREFIX)
        && (path.length() == PREFIX.length() || "/;?".indexOf(path.charAt(PREFIX.length())) >= 0);
  }

  @Override
  public Body render(String path, int status, List<String> messages) {
    return new Body(MediaType.APPLICATION_JSON, body(messages));
  }

  static ObjectNode body(List<String> messages) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    messages.forEach(body.putArray("messages")::add);
    return body;
  }
}
