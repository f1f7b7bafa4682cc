package dev.phasekeeper.hooks.script;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A step or hook script URL: {@code exec:///path?arg=$var&bare} or {@code
 * ssh://host[:port]/path?...}.
 *
 * <p>Each query parameter becomes one argument, in order: the value after the first {@code =}
 * ({@code a=$name} gives {@code $name}, substituted later from the subject), or the whole parameter
 * when it has no {@code =}. Values and the path are percent-decoded as UTF-8; {@code +} stays a
 * plus; nothing is ever split on blanks.
 *
 * <p>For {@code exec}, {@code exec:///opt/x} is the absolute path {@code /opt/x}, while {@code
 * exec://a/b} and {@code exec:a/b} are the relative path {@code a/b}.
 *
 * @param scheme {@code exec} or {@code ssh}
 * @param host the SSH host, {@code null} for {@code exec}
 * @param port the SSH port, {@code -1} when the URL does not give one
 * @param path the script path, percent-decoded
 * @param arguments one element per query parameter, percent-decoded, not yet substituted
 */
public record ScriptUrl(String scheme, String host, int port, String path, List<String> arguments) {

  public static final String EXEC = "exec";
  public static final String SSH = "ssh";

  public ScriptUrl {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(path, "path");
    arguments = List.copyOf(arguments);
  }

  public boolean isExec() {
    return EXEC.equals(scheme);
  }

  public boolean isSsh() {
    return SSH.equals(scheme);
  }

  /** The port, or {@code fallback} when the URL has none. */
  public int portOr(int fallback) {
    return port >= 0 ? port : fallback;
  }

  /**
   * Parses a script URL.
   *
   * @throws InvalidScriptUrlException naming what is wrong
   */
  public static ScriptUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidScriptUrlException(
          "url: missing (use exec:///path/to/script or ssh://host/path/to/script)");
    }
    String text = url.trim();
    if (text.indexOf('#') >= 0) {
      throw new InvalidScriptUrlException(
          "url: '#' is not allowed in a script url (write %23 for a literal '#')");
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || !text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      throw new InvalidScriptUrlException(
          "url: missing scheme in '"
              + text
              + "' (use exec:///path/to/script or ssh://host/path/to/script)");
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1);
    int question = rest.indexOf('?');
    String hierarchy = question >= 0 ? rest.substring(0, question) : rest;
    List<String> arguments =
        question >= 0 ? parseArguments(rest.substring(question + 1)) : List.of();
    return switch (scheme) {
      case EXEC -> new ScriptUrl(EXEC, null, -1, execPath(hierarchy), arguments);
      case SSH -> ssh(hierarchy, arguments);
      default ->
          throw new InvalidScriptUrlException(
              "url: scheme '" + scheme + "' is not supported (use exec or ssh)");
    };
  }

  private static String execPath(String hierarchy) {
    // "exec:///x" has an empty authority and the absolute path "/x"; "exec://x/y" has the
    // authority "x", which Moab users mean as the relative path "x/y": dropping "//" gives both.
    String raw = hierarchy.startsWith("//") ? hierarchy.substring(2) : hierarchy;
    return requirePath(decode(raw, "path"));
  }

  private static ScriptUrl ssh(String hierarchy, List<String> arguments) {
    if (!hierarchy.startsWith("//")) {
      throw new InvalidScriptUrlException("url: ssh needs a host (use ssh://host/path/to/script)");
    }
    String afterSlashes = hierarchy.substring(2);
    int slash = afterSlashes.indexOf('/');
    String authority = slash >= 0 ? afterSlashes.substring(0, slash) : afterSlashes;
    String rawPath = slash >= 0 ? afterSlashes.substring(slash) : "";
    if (authority.contains("@")) {
      throw new InvalidScriptUrlException(
          "url: a user in the ssh url is not supported (write ssh://host/path; the SSH user comes from configuration)");
    }
    String host = authority;
    int port = -1;
    int portColon =
        authority.startsWith("[")
            ? authority.indexOf(':', authority.indexOf(']'))
            : authority.lastIndexOf(':');
    if (portColon >= 0) {
      host = authority.substring(0, portColon);
      port = parsePort(authority.substring(portColon + 1));
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw new InvalidScriptUrlException("url: ssh needs a host (use ssh://host/path/to/script)");
    }
    return new ScriptUrl(
        SSH, decode(host, "host"), port, requirePath(decode(rawPath, "path")), arguments);
  }

  private static int parsePort(String text) {
    if (text.matches("[0-9]{1,5}")) {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    }
    throw new InvalidScriptUrlException("url: port '" + text + "' is not a number from 1 to 65535");
  }

  private static String requirePath(String path) {
    if (path.isEmpty() || path.equals("/")) {
      throw new InvalidScriptUrlException("url: missing script path");
    }
    if (path.indexOf('\0') >= 0) {
      throw new InvalidScriptUrlException("url: the script path contains a NUL character");
    }
    return path;
  }

  private static List<String> parseArguments(String query) {
    List<String> arguments = new ArrayList<>();
    for (String parameter : query.split("&", -1)) {
      if (parameter.isEmpty()) {
        continue; // "?a&&b" and a trailing "&" hold no parameter
      }
      int equals = parameter.indexOf('=');
      String value = equals >= 0 ? parameter.substring(equals + 1) : parameter;
      arguments.add(decode(value, "argument"));
    }
    return arguments;
  }

  /** Percent-decodes UTF-8; unlike form decoding, '+' stays a plus. */
  private static String decode(String text, String what) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%') {
        if (!isHex(text, i + 1) || !isHex(text, i + 2)) {
          String found = text.substring(i, Math.min(i + 3, text.length()));
          throw new InvalidScriptUrlException(
              "url: invalid percent-encoding '"
                  + found
                  + "' in "
                  + what
                  + " '"
                  + text
                  + "' (use %XX with two hex digits; %25 for '%')");
        }
        bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
        i += 3;
      } else {
        int end = i;
        while (end < text.length() && text.charAt(end) != '%') {
          end++;
        }
        bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidScriptUrlException(
          "url: the percent-encoded bytes in " + what + " '" + text + "' are not valid UTF-8");
    }
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }
}
