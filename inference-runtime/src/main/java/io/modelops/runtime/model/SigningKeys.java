package io.modelops.runtime.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The public keys a model signature may be made with: PEM {@code PUBLIC KEY} blocks
 * (SubjectPublicKeyInfo) holding an EC (ECDSA, verified as SHA256withECDSA) or an Ed25519 key, read
 * from one file or from every file of a directory (a mounted Secret or ConfigMap, whose {@code ..}
 * bookkeeping entries are skipped). Several keys: any one verifying is enough (key rotation).
 */
public final class SigningKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  /** Keys larger than this are not PEM public keys. */
  static final long MAX_FILE_BYTES = 1 << 20;

  /** One public key: its algorithm, where it came from and its fingerprint (the key id). */
  public record Key(PublicKey key, String algorithm, String source, String fingerprint) {
    /** {@code SHA256withECDSA} or {@code Ed25519}. */
    String signatureAlgorithm() {
      return algorithm.equals("EC") ? "SHA256withECDSA" : "Ed25519";
    }

    @Override
    public String toString() {
      return fingerprint + " (" + algorithm + ", " + source + ")";
    }
  }

  private SigningKeys() {}

  /**
   * Every key in {@code path} (a PEM file or a directory of them).
   *
   * @throws ModelLoadException {@code signature_keys}, naming the file and the problem, when the
   *     path is missing, holds no public key, or holds something that is not one
   */
  public static List<Key> load(Path path) throws ModelLoadException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> entries = Files.list(path)) {
        entries
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new ModelLoadException(
            "signature_keys", "cannot list the public keys in " + path + ": " + e, e);
      }
    } else if (Files.isRegularFile(path)) {
      files.add(path);
    } else {
      throw new ModelLoadException(
          "signature_keys", "public key source " + path + " does not exist");
    }
    List<Key> keys = new ArrayList<>();
    for (Path file : files) {
      keys.addAll(parseFile(file));
    }
    if (keys.isEmpty()) {
      throw new ModelLoadException("signature_keys", "no public key in " + path);
    }
    return keys;
  }

  private static List<Key> parseFile(Path file) throws ModelLoadException {
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ModelLoadException(
            "signature_keys", file + " is larger than " + MAX_FILE_BYTES + " bytes: not a PEM key");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ModelLoadException("signature_keys", "cannot read " + file + ": " + e, e);
    }
    return parse(text, file.toString());
  }

  /** The PUBLIC KEY blocks of a PEM text; any other block (a private key!) is refused. */
  static List<Key> parse(String pem, String source) throws ModelLoadException {
    List<Key> keys = new ArrayList<>();
    Matcher m = PEM.matcher(pem);
    int block = 0;
    while (m.find()) {
      block++;
      String where = source + " block " + block;
      if (!m.group(1).equals("PUBLIC KEY")) {
        throw new ModelLoadException(
            "signature_keys",
            where
                + " holds a '"
                + m.group(1)
                + "' block, not a 'PUBLIC KEY' (SubjectPublicKeyInfo)");
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(m.group(2).replaceAll("\\s+", ""));
      } catch (IllegalArgumentException e) {
        throw new ModelLoadException("signature_keys", where + " is not valid base64", e);
      }
      keys.add(decode(der, block == 1 ? source : where));
    }
    if (block == 0) {
      throw new ModelLoadException(
          "signature_keys", source + " holds no '-----BEGIN PUBLIC KEY-----' block");
    }
    return keys;
  }

  private static Key decode(byte[] der, String source) throws ModelLoadException {
    for (String algorithm : List.of("EC", "Ed25519")) {
      try {
        PublicKey key =
            KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        return new Key(key, algorithm, source, fingerprint(key));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new ModelLoadException(
        "signature_keys", source + " is neither an EC (ECDSA) nor an Ed25519 public key");
  }

  /** {@code SHA256:} and the hex SHA-256 of the key's DER SubjectPublicKeyInfo. */
  public static String fingerprint(PublicKey key) {
    try {
      return "SHA256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
