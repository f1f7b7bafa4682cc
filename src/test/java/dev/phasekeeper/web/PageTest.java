package dev.phasekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void shouldDefaultToTheFirstHundred() {
    assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(100, 0));
  }

  @Test
  void shouldNameTheWrongParameterAndTheAllowedRange() {
    assertThatThrownBy(() -> PageRequest.of(0, null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("max: must be between 1 and 1000, was 0")
        .extracting(e -> ((InvalidRequestException) e).field())
        .isEqualTo("max");
    assertThatThrownBy(() -> PageRequest.of(1001, null))
        .hasMessageContaining("max: must be between 1 and 1000");
    assertThatThrownBy(() -> PageRequest.of(null, -1))
        .hasMessage("offset: must be 0 or more, was -1");
  }

  @Test
  void shouldSliceAWholeListAndCountAllOfIt() {
    List<String> all = List.of("a", "b", "c", "d", "e");

    assertThat(Page.slice(all, new PageRequest(2, 1)))
        .isEqualTo(new Page<>(5, 2, List.of("b", "c")));
    assertThat(Page.slice(all, new PageRequest(10, 4))).isEqualTo(new Page<>(5, 1, List.of("e")));
    assertThat(Page.slice(all, new PageRequest(10, 9))).isEqualTo(new Page<>(5, 0, List.of()));
  }
}
