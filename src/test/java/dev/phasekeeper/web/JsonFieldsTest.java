package dev.phasekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {

  @ParameterizedTest
  @ValueSource(strings = {"....", ".", "a..b", ".a", "a.", "name,attributes..vmId"})
  void shouldRefuseANameWithAnEmptyPartNamingTheParameter(String value) {
    assertThatThrownBy(() -> JsonFields.parse("exclude-fields", value))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("exclude-fields: ")
        .hasMessageContaining("empty name between dots");
  }

  @Test
  void shouldKeepAndDropDottedFields() {
    ObjectNode doc = JsonNodeFactory.instance.objectNode().put("name", "a.1").put("label", "x");
    doc.putObject("attributes").put("vmId", "v1").put("other", 2);

    assertThat(
            JsonFields.project(
                    doc, JsonFields.parse("fields", " name , attributes.vmId ,"), List.of())
                .toString())
        .isEqualTo("{\"name\":\"a.1\",\"attributes\":{\"vmId\":\"v1\"}}");
    assertThat(
            JsonFields.project(
                    doc, List.of(), JsonFields.parse("exclude-fields", "label,attributes.other"))
                .toString())
        .isEqualTo("{\"name\":\"a.1\",\"attributes\":{\"vmId\":\"v1\"}}");
  }
}
