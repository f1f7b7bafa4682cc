package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LenientJsonTest {

  private final ObjectMapper mapper = new ObjectMapper();

  private final LenientJson json = new LenientJson(mapper.getNodeFactory(), 64);

  @Nested
  class SeedExamples {

    @Test
    void shouldReadTheCreateCustomServiceBody() {
      JsonNode body = json.read(seed("create-custom-service.json"));

      assertThat(body.at("/tenant/id").textValue()).isEqualTo("1234567890abcdef12345678");
      assertThat(body.at("/tenant/name").textValue()).isEqualTo("Research");
      assertThat(body.at("/startDateRequested").textValue()).isEqualTo("2011-11-08 13:18:47 MST");
      assertThat(body.at("/durationRequested").isInt()).isTrue();
      assertThat(body.at("/durationRequested").intValue()).isEqualTo(86400);
      assertThat(body.get("data")).hasSize(7);
      assertThat(body.get("data").findValuesAsText("name"))
          .contains(
              "myNewService",
              "myVmContainer",
              "myVmWorkflow",
              "myOsStorageWorkflow",
              "myNetworkStorageWorkflow",
              "myPmContainer",
              "myPmWorkflow",
              "MOAB_DATACENTER");
      assertThat(body.at("/data/0/includedServices/2").textValue()).isEqualTo("myPmContainer");
      assertThat(body.at("/data/0/attributes/moab/job/rules/ATTRIBUTE_1/0/comparator").textValue())
          .isEqualTo("%=");
      assertThat(body.at("/data/3/attributes/moab/job/resources/OS").intValue()).isEqualTo(2500);
      assertThat(body.at("/data/3/includedServices").isArray()).isTrue();
      assertThat(body.at("/data/3/includedServices")).isEmpty();
      assertThat(body.at("/data/5/attributes").isMissingNode()).isTrue();
      assertThat(body.at("/data/6/attributes/moab/job/template").textValue())
          .isEqualTo("genericPM");
    }

    @Test
    void shouldReadTheServiceWithAHook() {
      JsonNode body = json.read(seed("create-service-with-hook.json"));

      assertThat(body.get("name").textValue()).isEqualTo("vm1");
      assertThat(body.at("/tenant/name").textValue()).isEqualTo("Gryffindor");
      assertThat(body.at("/hookDefinitions/0/url").textValue())
          .isEqualTo("exec:///opt/mws/spool/hooks/helloWorld.sh");
      assertThat(body.at("/attributes/moab/job/resources/procs").textValue()).isEqualTo("2");
      assertThat(body.at("/attributes/moab/job/template").textValue()).isEqualTo("genericVM");
    }

    @Test
    void shouldReadTheContainerWithATrailingCommaAndAMissingComma() {
      JsonNode body = json.read(seed("create-container-service.json"));

      assertThat(body.at("/includedServices/0/localName").textValue()).isEqualTo("vm1");
      assertThat(body.get("data")).hasSize(1);
      assertThat(body.at("/data/0").size()).isEqualTo(1);
      assertThat(body.at("/data/0/name").textValue()).isEqualTo("vmGreat");
      assertThat(body.get("hookDefinitions").isArray()).isTrue();
      assertThat(body.get("hookDefinitions")).isEmpty();
      assertThat(body.get("tenant").get("name").textValue()).isEqualTo("Gryffindor");
      assertThat(body.fieldNames())
          .toIterable()
          .containsExactly(
              "includedServices", "type", "user", "account", "tenant", "data", "hookDefinitions");
    }

    @Test
    void shouldReadTheArrowSeparator() {
      JsonNode body = json.read(seed("modify-steps-completed.json"));

      assertThat(body)
          .isEqualTo(
              mapper
                  .createObjectNode()
                  .set("stepsCompleted", mapper.createArrayNode().add("step1")));
    }

    @Test
    void shouldReadBareStepNamesInTheModifyResponse() {
      JsonNode body = json.read(seed("modify-steps-completed-response.json"));

      assertThat(body.get("stepsCompleted")).isEqualTo(strict("[\"step0\",\"step1\"]"));
      assertThat(body.at("/tenant/id").textValue()).isEqualTo("1234567890abcdef12345678");
      assertThat(body.at("/statusCode").intValue()).isEqualTo(200);
      assertThat(body.at("/attributes/size").textValue()).isEqualTo("2500");
      assertThat(body.at("/attributes/moab").has("vc    ")).isTrue();
    }

    @Test
    void shouldReadTheMissingCommaBeforeRulesInTheListResponse() {
      JsonNode body = json.read(seed("get-all-services-response.json"));

      assertThat(body.get("results")).hasSize(3);
      assertThat(body.at("/results/1/attributes/moab/jobRequested/nodeSet/values/0").textValue())
          .isEqualTo("vcenter-datacenter-416");
      assertThat(
              body.at("/results/1/attributes/moab/jobRequested/rules/MOAB_DATACENTER/0/value")
                  .textValue())
          .isEqualTo("datacenter3");
      assertThat(body.at("/results/0/dateDeleted").isNull()).isTrue();
      assertThat(body.at("/results/2/tenant/id").textValue()).isEqualTo("1234567890abcdef12345678");
    }
  }

  @Nested
  class Quirks {

    @Test
    void shouldAcceptUnquotedFieldNames() {
      assertThat(json.read("{user:\"bob\", $or: [{tenant.id: \"t1\"}]}"))
          .isEqualTo(strict("{\"user\":\"bob\",\"$or\":[{\"tenant.id\":\"t1\"}]}"));
    }

    @Test
    void shouldKeepBareLiteralsTypedAndTurnOtherBareWordsIntoStrings() {
      assertThat(json.read("[step0, true, false, null, 12, -3.5e2, 9223372036854775808, 007, x-1]"))
          .isEqualTo(
              strict(
                  "[\"step0\",true,false,null,12,-350.0,9223372036854775808,\"007\","
                      + "\"x-1\"]"));
    }

    @Test
    void shouldReadABareWordWithAStrayClosingQuoteAsAString() {
      assertThat(json.read("{\"id\":1234\", \"n\":abc\"}"))
          .isEqualTo(strict("{\"id\":\"1234\"," + "\"n\":\"abc\"}"));
    }

    @Test
    void shouldAcceptTrailingCommas() {
      assertThat(json.read("{\"a\":[1,2,],}")).isEqualTo(strict("{\"a\":[1,2]}"));
    }

    @Test
    void shouldAcceptAMissingCommaBeforeANewLine() {
      assertThat(json.read("{\"a\":{}\n\"b\":[1\n2]\r\nc:3}"))
          .isEqualTo(strict("{\"a\":{},\"b\":[1,2],\"c\":3}"));
    }

    @Test
    void shouldReadStrictJsonLikeJackson() throws IOException {
      String text = "{\"s\":\"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\",\"n\":[0,-1,1.5,2E3],\"o\":{}}";

      assertThat(json.read(text)).isEqualTo(mapper.readTree(text));
    }
  }

  @Nested
  class Refusals {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
        ''                  | malformed JSON at line 1, column 1: expected '{' or '[' but found end of input (the text is empty)
        '   '               | malformed JSON at line 1, column 4: expected '{' or '[' but found end of input (the text is empty)
        '"bob"'             | malformed JSON at line 1, column 1: expected '{' or '[' at the top level but found '"'
        user                | malformed JSON at line 1, column 1: expected '{' or '[' at the top level but found 'u'
        '{"a":1'            | malformed JSON at line 1, column 7: expected ',' or '}' but found end of input
        '{"a":[1,2}'        | malformed JSON at line 1, column 10: expected ',' or ']' but found '}'
        '{"a":1]'           | malformed JSON at line 1, column 7: expected ',' or '}' but found ']'
        '{"a":1}}'          | malformed JSON at line 1, column 8: expected end of input but found '}'
        '{"a":1} x'         | malformed JSON at line 1, column 9: expected end of input but found 'x'
        '{"a":"bob}'        | malformed JSON at line 1, column 6: unterminated string
        '{"a" 1}'           | malformed JSON at line 1, column 6: expected ':' after field name 'a' but found '1'
        '{"a":1 "b":2}'     | malformed JSON at line 1, column 8: expected ',' or '}' but found '"'
        '[1,,2]'            | malformed JSON at line 1, column 4: expected a value but found ','
        '{,}'               | malformed JSON at line 1, column 2: expected a field name but found ','
        '{"a":}'            | malformed JSON at line 1, column 6: expected a value but found '}'
        '{"a":1,"a":2}'     | malformed JSON at line 1, column 8: duplicate field 'a'
        '{"a":"\\u12"}'     | malformed JSON at line 1, column 9: expected 4 hex digits after \\u
        '{"a":=>1}'         | malformed JSON at line 1, column 6: expected a value but found '='
        """)
    void shouldRefuseMalformedInput(String text, String message) {
      assertThatThrownBy(() -> json.read(text))
          .isInstanceOf(MalformedJsonException.class)
          .hasMessage(message);
    }

    @Test
    void shouldNameLineAndColumnOnLaterLines() {
      assertThatThrownBy(() -> json.read("{\n  \"a\": 1,\n  \"b\": [1, 2 3]\n}"))
          .isInstanceOf(MalformedJsonException.class)
          .hasMessage("malformed JSON at line 3, column 14: expected ',' or ']' but found '3'")
          .satisfies(
              e -> {
                assertThat(((MalformedJsonException) e).line()).isEqualTo(3);
                assertThat(((MalformedJsonException) e).column()).isEqualTo(14);
              });
    }

    @Test
    void shouldRefuseANumberBeyondADouble() {
      assertThatThrownBy(() -> json.read("{\"$gt\": 1e400}"))
          .isInstanceOf(MalformedJsonException.class)
          .hasMessage(
              "malformed JSON at line 1, column 9: the number 1e400 is too large (at"
                  + " most about 1.8e308)");
    }

    @Test
    void shouldRefuseAnUnknownEscape() {
      assertThatThrownBy(() -> json.read("{\"a\":\"\\x\"}"))
          .hasMessage(
              "malformed JSON at line 1, column 7: expected one of \\\" \\\\ \\/ \\b"
                  + " \\f \\n \\r \\t \\uXXXX but found \\x");
    }

    @Test
    void shouldRefuseAStringThatRunsIntoTheNextLine() {
      assertThatThrownBy(() -> json.read("{\"a\":\"bob,\n\"b\":1}"))
          .hasMessage(
              "malformed JSON at line 1, column 6: unterminated string (a string cannot"
                  + " span lines)");
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit() {
      LenientJson shallow = new LenientJson(mapper.getNodeFactory(), 3);

      assertThat(shallow.read("[[[1]]]")).hasSize(1);
      assertThatThrownBy(() -> shallow.read("[[[[1]]]]"))
          .hasMessage(
              "malformed JSON at line 1, column 4: objects and arrays nested deeper than 3"
                  + " levels");
      assertThatThrownBy(() -> json.read("[".repeat(100_000)))
          .hasMessageContaining("nested deeper than 64 levels");
    }

    @Test
    void shouldRefuseNull() {
      assertThatThrownBy(() -> json.read(null))
          .isInstanceOf(MalformedJsonException.class)
          .hasMessageContaining("the text is empty");
    }
  }

  private JsonNode strict(String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String seed(String name) {
    try (InputStream in = LenientJsonTest.class.getResourceAsStream("/seeds/moab/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
