package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads JSON the way the Moab seed writes it in its example requests, which must work as written.
 * Besides strict JSON it accepts:
 *
 * <ul>
 *   <li>unquoted field names: {@code {user:"bob"}}
 *   <li>bare words as values: {@code [step0,step1]} gives strings; {@code true}, {@code false},
 *       {@code null} and numbers keep their type
 *   <li>a bare word with a stray closing quote: {@code "id":1234567890abcdef12345678",} gives the
 *       string {@code 1234567890abcdef12345678}
 *   <li>a missing comma between members or elements when the next one starts on a new line
 *   <li>a trailing comma before {@code }} or {@code ]}
 *   <li>{@code =>} instead of {@code :} between a field name and its value
 *   <li>no-break spaces (U+00A0, as the seed's indentation has) and a byte order mark between
 *       tokens, as whitespace
 * </ul>
 *
 * Anything else that is not JSON is refused with a {@link MalformedJsonException} naming the line,
 * the column and what was expected: unbalanced or mismatched brackets, unterminated strings, empty
 * input, text after the document, a top level that is not an object or an array, a field given
 * twice, and nesting deeper than the configured limit. Instances are immutable and thread-safe.
 */
final class LenientJson {

  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private final JsonNodeFactory nodes;

  private final int maxDepth;

  /**
   * @param nodes creates the nodes of the tree, usually {@code objectMapper.getNodeFactory()}
   * @param maxDepth how many objects and arrays may be nested, counting the top level as 1
   */
  LenientJson(JsonNodeFactory nodes, int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
    }
    this.nodes = nodes;
    this.maxDepth = maxDepth;
  }

  /** Reads one JSON object or array; never returns {@code null}. */
  JsonNode read(String text) {
    return new Reader(text == null ? "" : text).document();
  }

  /** One pass over one text; the position is its only state. */
  private final class Reader {

    private final String text;

    private int pos;

    /** Whether the whitespace skipped last contained a line break. */
    private boolean crossedLine;

    Reader(String text) {
      this.text = text;
    }

    JsonNode document() {
      skipWhitespace();
      if (atEnd()) {
        throw error(pos, "expected '{' or '[' but found end of input (the text is empty)");
      }
      if (peek() != '{' && peek() != '[') {
        throw error(pos, "expected '{' or '[' at the top level but found " + found());
      }
      JsonNode root = value(1);
      skipWhitespace();
      if (!atEnd()) {
        throw error(pos, "expected end of input but found " + found());
      }
      return root;
    }

    private JsonNode value(int depth) {
      skipWhitespace();
      if (atEnd()) {
        throw error(pos, "expected a value but found end of input");
      }
      return switch (peek()) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> nodes.textNode(string());
        default -> bareValue();
      };
    }

    private ObjectNode object(int depth) {
      checkDepth(depth);
      pos++;
      ObjectNode object = nodes.objectNode();
      skipWhitespace();
      if (consume('}')) {
        return object;
      }
      do {
        int start = pos;
        String name = fieldName();
        if (object.has(name)) {
          throw error(start, "duplicate field '" + name + "'");
        }
        separator(name);
        object.set(name, value(depth + 1));
      } while (anotherItem('}'));
      return object;
    }

    private ArrayNode array(int depth) {
      checkDepth(depth);
      pos++;
      ArrayNode array = nodes.arrayNode();
      skipWhitespace();
      if (consume(']')) {
        return array;
      }
      do {
        array.add(value(depth + 1));
      } while (anotherItem(']'));
      return array;
    }

    /**
     * After a member or element: true when another follows (after a comma, or on a new line), false
     * when the closing bracket has been consumed (also after a trailing comma).
     */
    private boolean anotherItem(char close) {
      skipWhitespace();
      if (consume(',')) {
        skipWhitespace();
        return !consume(close);
      }
      if (consume(close)) {
        return false;
      }
      if (crossedLine && !atEnd() && ",:]}".indexOf(peek()) < 0) {
        return true;
      }
      throw error(pos, "expected ',' or '" + close + "' but found " + found());
    }

    private String fieldName() {
      skipWhitespace();
      if (!atEnd() && peek() == '"') {
        return string();
      }
      int start = pos;
      while (!atEnd() && isBareChar(peek())) {
        pos++;
      }
      if (pos == start) {
        throw error(pos, "expected a field name but found " + found());
      }
      return text.substring(start, pos);
    }

    private void separator(String name) {
      skipWhitespace();
      if (consume(':')) {
        return;
      }
      if (text.startsWith("=>", pos)) {
        pos += 2;
        return;
      }
      throw error(pos, "expected ':' after field name '" + name + "' but found " + found());
    }

    private String string() {
      int start = pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error(start, "unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\') {
          out.append(escape(start));
        } else if (c == '\n' || c == '\r') {
          throw error(start, "unterminated string (a string cannot span lines)");
        } else if (c < 0x20) {
          throw error(pos - 1, "control character " + describe(c) + " must be escaped in a string");
        } else {
          out.append(c);
        }
      }
    }

    private char escape(int stringStart) {
      if (atEnd()) {
        throw error(stringStart, "unterminated string");
      }
      char c = text.charAt(pos++);
      return switch (c) {
        case '"', '\\', '/' -> c;
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        case 'u' -> unicodeEscape();
        default ->
            throw error(
                pos - 2,
                "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX" + " but found \\" + c);
      };
    }

    private char unicodeEscape() {
      if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
        throw error(pos, "expected 4 hex digits after \\u");
      }
      char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
      pos += 4;
      return c;
    }

    /** A bare word: a number, true, false, null, or else a string. */
    private JsonNode bareValue() {
      int start = pos;
      while (!atEnd() && isBareChar(peek())) {
        pos++;
      }
      if (pos == start) {
        throw error(pos, "expected a value but found " + found());
      }
      String word = text.substring(start, pos);
      if (!atEnd() && peek() == '"' && endsValue(pos + 1)) {
        pos++;
        return nodes.textNode(word);
      }
      return literal(word);
    }

    private JsonNode literal(String word) {
      switch (word) {
        case "true":
          return nodes.booleanNode(true);
        case "false":
          return nodes.booleanNode(false);
        case "null":
          return nodes.nullNode();
        default:
          break;
      }
      if (INTEGER.matcher(word).matches()) {
        BigInteger value = new BigInteger(word);
        return value.bitLength() < 32
            ? nodes.numberNode(value.intValue())
            : value.bitLength() < 64
                ? nodes.numberNode(value.longValue())
                : nodes.numberNode(value);
      }
      if (NUMBER.matcher(word).matches()) {
        double value = Double.parseDouble(word);
        if (Double.isInfinite(value)) {
          throw error(
              pos - word.length(),
              "the number " + word + " is too large (at most about" + " 1.8e308)");
        }
        return nodes.numberNode(value);
      }
      return nodes.textNode(word);
    }

    private boolean endsValue(int at) {
      return at >= text.length()
          || ",]}\n\r".indexOf(text.charAt(at)) >= 0
          || isSpace(text.charAt(at));
    }

    private void checkDepth(int depth) {
      if (depth > maxDepth) {
        throw error(pos, "objects and arrays nested deeper than " + maxDepth + " levels");
      }
    }

    private void skipWhitespace() {
      crossedLine = false;
      while (!atEnd()) {
        char c = peek();
        if (c == '\n' || c == '\r') {
          crossedLine = true;
        } else if (!isSpace(c)) {
          return;
        }
        pos++;
      }
    }

    private boolean consume(char c) {
      if (!atEnd() && peek() == c) {
        pos++;
        return true;
      }
      return false;
    }

    private boolean atEnd() {
      return pos >= text.length();
    }

    private char peek() {
      return text.charAt(pos);
    }

    private String found() {
      return atEnd() ? "end of input" : describe(peek());
    }

    private MalformedJsonException error(int at, String problem) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < at && i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
          line++;
          column = 1;
        } else if (c != '\r') {
          column++;
        }
      }
      return new MalformedJsonException(line, column, problem);
    }
  }

  /** JSON's space and tab, and the no-break spaces the seed's examples are indented with. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\ufeff' || Character.isSpaceChar(c);
  }

  private static boolean isBareChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-' || c == '+';
  }

  private static String describe(char c) {
    return c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }
}
