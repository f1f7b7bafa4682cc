package dev.phasekeeper.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** What is wrong with a JSON body Spring could not read, naming the field, never repeating it. */
public final class UnreadableBody {

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.{1,200}?)'");

  private UnreadableBody() {}

  public static String describe(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof StreamConstraintsException limit) {
      return "body: too large or too deeply nested: " + limit.getOriginalMessage();
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      return field + ": " + mapping.getOriginalMessage();
    }
    if (cause instanceof JsonProcessingException json) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(json.getOriginalMessage()));
      if (duplicate.find()) {
        return duplicate.group(1) + ": appears more than once in the body; give each field once";
      }
      if (json.getLocation() != null) {
        return "body: not valid JSON at line "
            + json.getLocation().getLineNr()
            + ", column "
            + json.getLocation().getColumnNr();
      }
    }
    return "body: a JSON object is required";
  }
}
