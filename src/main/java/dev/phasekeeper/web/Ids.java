package dev.phasekeeper.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** 24-character hex ids, like the ones the seed APIs show: 4 bytes of time, 8 random bytes. */
public final class Ids {

  private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String next() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    int seconds = (int) (System.currentTimeMillis() / 1000);
    bytes[0] = (byte) (seconds >>> 24);
    bytes[1] = (byte) (seconds >>> 16);
    bytes[2] = (byte) (seconds >>> 8);
    bytes[3] = (byte) seconds;
    return HexFormat.of().formatHex(bytes);
  }

  public static boolean isValid(String id) {
    return id != null && HEX24.matcher(id).matches();
  }
}
