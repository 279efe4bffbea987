package io.modelops.runtime.testmodels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Test keys and detached model signatures in the formats the runtime verifies. */
public final class ModelSigning {
  private ModelSigning() {}

  /** A fresh ECDSA P-256 (secp256r1) key pair, the kind {@code cosign generate-key-pair} makes. */
  public static KeyPair ecP256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh Ed25519 key pair. */
  public static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) block. */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * The base64 signature over the file: SHA256withECDSA (ASN.1 DER) for an EC key, pure Ed25519 (64
   * bytes) for an Ed25519 key.
   */
  public static String sign(PrivateKey key, Path file) {
    try {
      Signature s =
          Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
      s.initSign(key);
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
          s.update(buf, 0, n);
        }
      }
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code <file>.sig} with the base64 signature and a newline, as cosign does. */
  public static Path writeSignature(PrivateKey key, Path file) throws IOException {
    Path sig = file.resolveSibling(file.getFileName() + ".sig");
    Files.writeString(sig, sign(key, file) + "\n", StandardCharsets.US_ASCII);
    return sig;
  }

  /** Flips every bit of one byte in the middle of the file. */
  public static void flipOneByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= (byte) 0xff;
    Files.write(file, bytes);
  }
}
