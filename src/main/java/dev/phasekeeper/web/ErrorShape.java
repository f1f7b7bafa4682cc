package dev.phasekeeper.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.http.MediaType;

/**
 * How one API surface answers an error, from whatever layer it comes (Tomcat, the security filters,
 * Spring MVC, a controller). A surface contributes one as a bean for the paths it serves; a path no
 * surface claims gets {@code application/problem+json}.
 */
public interface ErrorShape {

  /**
   * Whether this surface serves the path.
   *
   * @param path the request URI as the client sent it, not decoded, perhaps malformed
   */
  boolean claims(String path);

  /** The error's body and content type for this surface. */
  Body render(String path, int status, List<String> messages);

  /** An error answer's content type and JSON body. */
  record Body(MediaType contentType, JsonNode json) {}
}
