package dev.phasekeeper.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Generating, hashing and keeping secrets: API keys and the Cockpit admin's password. */
final class Secrets {

  /** Every generated API key starts with this, so a leaked one is easy to recognise. */
  static final String KEY_PREFIX = "pk_";

  /** How many characters of a key are kept in clear and shown to admins. */
  static final int SHOWN_PREFIX_LENGTH = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new API key: 256 random bits, URL-safe. */
  static String newApiKey() {
    return KEY_PREFIX + random(32);
  }

  /** A new password: 144 random bits, letters, digits, '-' and '_'. */
  static String newPassword() {
    return random(18);
  }

  /** The SHA-256 of a key as lower-case hex: what pk_api_key.key_hash stores. */
  static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** The first characters of a key, safe to show: they do not help to guess the rest. */
  static String shownPrefix(String key) {
    return key.substring(0, Math.min(SHOWN_PREFIX_LENGTH, key.length()));
  }

  /** The secret kept in a file, trimmed; empty when there is no such file or it is blank. */
  static Optional<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      throw new UncheckedIOException("SECURITY-010 cannot read " + file.toAbsolutePath(), e);
    }
  }

  /**
   * Writes a secret to a new file only its owner may read and write (0600 where the file system has
   * POSIX permissions), creating the folder when needed. Refuses to overwrite a file.
   */
  static void writeOwnerOnly(Path file, String secret) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
        ownerOnly(file);
      }
      Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(
          "SECURITY-011 "
              + file.toAbsolutePath()
              + " appeared while Phasekeeper was writing it; start again",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "SECURITY-012 cannot write "
              + file.toAbsolutePath()
              + "; check that the data directory (phasekeeper.security.data-dir) is writable",
          e);
    }
  }

  private static void ownerOnly(Path file) {
    var f = file.toFile();
    boolean ok =
        f.setReadable(false, false)
            && f.setReadable(true, true)
            && f.setWritable(false, false)
            && f.setWritable(true, true);
    if (!ok) {
      throw new IllegalStateException(
          "SECURITY-013 cannot restrict " + file.toAbsolutePath() + " to its owner");
    }
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
