package dev.phasekeeper.security.internal;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A framed block of log lines that an operator will not miss at start-up. */
final class Banner {

  private static final String RULE = "=".repeat(78);

  private Banner() {}

  static String of(String title, String... lines) {
    return Stream.concat(Stream.of("", RULE, title, ""), Stream.of(lines))
        .collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator() + RULE));
  }
}
