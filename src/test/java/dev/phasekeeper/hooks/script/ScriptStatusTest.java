package dev.phasekeeper.hooks.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptStatusTest {

  @ParameterizedTest
  @CsvSource({
    "succeeded, SUCCEEDED",
    "Succeeded, SUCCEEDED",
    "SUCCEEDED, SUCCEEDED",
    "' failed ', FAILED",
    "Waiting, WAITING"
  })
  void shouldParseLeniently(String text, ScriptStatus expected) {
    assertThat(ScriptStatus.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"success", "ok", "blocked"})
  void shouldRefuseUnknownStatuses(String text) {
    assertThatThrownBy(() -> ScriptStatus.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use succeeded, failed or waiting");
  }

  @ParameterizedTest
  @CsvSource({"SUCCEEDED, succeeded", "WAITING, waiting"})
  void shouldWriteLowerCaseValues(ScriptStatus status, String value) {
    assertThat(status.value()).isEqualTo(value);
  }
}
