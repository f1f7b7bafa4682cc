package dev.phasekeeper.hooks.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ArgumentTemplateTest {

  private final ArgumentTemplate template = new ArgumentTemplate();

  private final Map<String, String> values =
      Map.of(
          "id", "svc-1",
          "name", "web",
          "attributes.moab.job.template", "tpl-a",
          "hostile", "a b; rm -rf x $(touch pwned) '\"\nsecond line $id");

  private final Function<String, Optional<String>> variables =
      name -> Optional.ofNullable(values.get(name));

  @Test
  void shouldReplaceWholeArgumentVariables() {
    assertThat(
            template.substitute(
                List.of("$id", "$attributes.moab.job.template", "plain"), variables))
        .containsExactly("svc-1", "tpl-a", "plain");
  }

  @Test
  void shouldReplaceTokensInsideAnArgument() {
    assertThat(template.substitute(List.of("--service=$id", "$name-$id", "pre$name"), variables))
        .containsExactly("--service=svc-1", "web-svc-1", "preweb");
  }

  @Test
  void shouldReplaceUnknownVariablesWithNothing() {
    assertThat(template.substitute(List.of("$missing", "x$missing.y-z"), variables))
        .containsExactly("", "x-z");
  }

  @Test
  void shouldKeepAHostileValueAsOneArgumentAndNeverRescanIt() {
    List<String> argv = template.substitute(List.of("$hostile"), variables);

    assertThat(argv).containsExactly("a b; rm -rf x $(touch pwned) '\"\nsecond line $id");
  }

  @Test
  void shouldLeaveDollarsThatStartNoName() {
    assertThat(template.substitute(List.of("$", "$1", "cost: 5$", "$ id", "$(id)"), variables))
        .containsExactly("$", "$1", "cost: 5$", "$ id", "$(id)");
  }

  @Test
  void shouldKeepATrailingDotOutOfTheName() {
    assertThat(template.substitute(List.of("$name."), variables)).containsExactly("web.");
  }

  @Test
  void shouldKeepTheNumberOfArguments() {
    assertThat(template.substitute(List.of("$missing", "", "$id"), variables))
        .containsExactly("", "", "svc-1");
  }
}
