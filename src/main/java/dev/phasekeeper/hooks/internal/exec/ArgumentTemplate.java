package dev.phasekeeper.hooks.internal.exec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code $name} tokens in script arguments, e.g. {@code $id} or {@code
 * $attributes.moab.job.template}.
 *
 * <p>Each argument stays exactly one argv element whatever the values contain (blanks, quotes,
 * {@code ;}, {@code $(...)}, newlines); values are inserted once and never scanned again. An
 * unknown variable becomes the empty string. A {@code $} not followed by a letter stays as it is.
 */
public final class ArgumentTemplate {

  private static final Pattern TOKEN =
      Pattern.compile("\\$([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)");

  /** Substitutes every argument; the result has as many elements as {@code arguments}. */
  public List<String> substitute(
      List<String> arguments, Function<String, Optional<String>> variables) {
    Objects.requireNonNull(variables, "variables");
    return arguments.stream().map(argument -> substitute(argument, variables)).toList();
  }

  /** Substitutes the tokens of one argument. */
  public String substitute(String argument, Function<String, Optional<String>> variables) {
    Matcher token = TOKEN.matcher(argument);
    StringBuilder result = new StringBuilder(argument.length());
    int copied = 0;
    while (token.find()) {
      result.append(argument, copied, token.start());
      Optional<String> value = variables.apply(token.group(1));
      result.append(value == null ? "" : value.orElse(""));
      copied = token.end();
    }
    return result.append(argument, copied, argument.length()).toString();
  }
}
