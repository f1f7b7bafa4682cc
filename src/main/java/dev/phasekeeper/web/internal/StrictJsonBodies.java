package dev.phasekeeper.web.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;

/**
 * Reads and writes JSON bodies with the application's {@link ObjectMapper}, except that a request
 * body giving a key twice is refused (a 400 naming the key) instead of bound, or failed on, by
 * chance. The mapper itself, which also reads script output and stored documents, is left as it is.
 * Takes the place of Spring Boot's converter of this type.
 */
@Component
class StrictJsonBodies extends MappingJackson2HttpMessageConverter {

  StrictJsonBodies(ObjectMapper json) {
    super(json.copy().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature()));
  }
}
