package io.modelops.runtime.model;

import io.modelops.runtime.Log;
import io.modelops.runtime.config.ModelUris;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.config.RuntimeConfig.SignaturePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a detached signature over the model file before anything loads it, as {@code cosign
 * sign-blob --key} (ECDSA, SHA-256, ASN.1 DER, base64) or an Ed25519 key (64 bytes, base64) makes
 * it. One streaming pass over the file feeds every candidate key; the first key that verifies is
 * logged by fingerprint. See docs/runtime.md, "Signed models".
 */
public final class SignatureVerifier {
  /** Every signature failure message starts with this (after the termination-message prefix). */
  public static final String FAILED = "model signature verification failed: ";

  /** A base64 signature is a few hundred bytes; anything larger is not one. */
  static final int MAX_SIGNATURE_BYTES = 64 * 1024;

  private final SignaturePolicy policy;
  private final String signatureUri;
  private final String inline;
  private final Path keys;

  public SignatureVerifier(SignaturePolicy policy, String signatureUri, String inline, Path keys) {
    this.policy = policy;
    this.signatureUri = signatureUri;
    this.inline = inline;
    this.keys = keys;
  }

  public static SignatureVerifier of(RuntimeConfig config) {
    return new SignatureVerifier(
        config.signaturePolicy(),
        config.signatureUri(),
        config.signatureInline(),
        config.signatureKeys());
  }

  /**
   * Verifies {@code model} under the policy.
   *
   * @return the key that verified, or empty when nothing was checked (policy {@code disabled}, or
   *     {@code ifpresent} without a signature)
   * @throws ModelLoadException with a reason starting {@code signature_} and a message starting
   *     {@link #FAILED} when the model must not be served
   */
  public Optional<SigningKeys.Key> verify(Path model) throws ModelLoadException {
    if (policy == SignaturePolicy.DISABLED) {
      return Optional.empty();
    }
    List<SigningKeys.Key> candidates;
    try {
      candidates = SigningKeys.load(keys);
    } catch (ModelLoadException e) {
      throw new ModelLoadException(e.reason(), FAILED + e.getMessage(), e);
    }
    Optional<String> text = signatureText();
    if (text.isEmpty()) {
      if (policy == SignaturePolicy.REQUIRED) {
        throw new ModelLoadException(
            "signature_missing",
            FAILED + "no signature at " + safe(signatureUri) + " and the policy is required");
      }
      Log.warn(
          "model",
          "no signature at "
              + safe(signatureUri)
              + " (policy ifpresent): loading "
              + model
              + " without a signature check");
      return Optional.empty();
    }
    byte[] signature = decode(text.get(), inline != null ? "MODEL_SIGNATURE" : safe(signatureUri));
    SigningKeys.Key verified = verify(model, signature, candidates);
    if (verified == null) {
      throw new ModelLoadException(
          "signature_mismatch",
          FAILED
              + "no key in "
              + keys
              + " ("
              + candidates.size()
              + (candidates.size() == 1 ? " key" : " keys")
              + ") verifies "
              + model);
    }
    Log.info("model", "signature verified for " + model + " by key " + verified);
    return Optional.of(verified);
  }

  /** Base64 (whitespace ignored) to bytes, or a clear error. */
  static byte[] decode(String text, String where) throws ModelLoadException {
    String compact = text.replaceAll("\\s+", "");
    if (compact.isEmpty()) {
      throw new ModelLoadException(
          "signature_malformed", FAILED + "the signature in " + where + " is empty");
    }
    try {
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(
          "signature_malformed",
          FAILED + "the signature in " + where + " is not base64 (" + e.getMessage() + ")",
          e);
    }
  }

  /**
   * The first key among {@code keys} whose signature over the file verifies, or null. The file is
   * read once, in 64 KiB chunks fed to every key's verifier.
   */
  static SigningKeys.Key verify(Path model, byte[] signature, List<SigningKeys.Key> keys)
      throws ModelLoadException {
    return verify(model, signature, keys, ed25519MaxBytes(Runtime.getRuntime().maxMemory()));
  }

  /**
   * Largest file an Ed25519 key is tried on. The JDK's (pure) Ed25519 verifier keeps the whole
   * message in the heap (ECDSA streams), and its buffer grows by doubling: a quarter of the heap,
   * and never more than an array can hold.
   */
  static long ed25519MaxBytes(long maxHeap) {
    return Math.min(Integer.MAX_VALUE - 8L, maxHeap / 4);
  }

  static SigningKeys.Key verify(
      Path model, byte[] signature, List<SigningKeys.Key> all, long ed25519MaxBytes)
      throws ModelLoadException {
    long size;
    try {
      size = Files.size(model);
    } catch (IOException e) {
      throw new ModelLoadException("load_failed", "reading " + model + " failed: " + e, e);
    }
    List<SigningKeys.Key> keys = new ArrayList<>(all.size());
    for (SigningKeys.Key key : all) {
      if (key.algorithm().equals("Ed25519") && size > ed25519MaxBytes) {
        Log.warn(
            "model",
            "not trying Ed25519 key "
                + key
                + ": the JDK holds the whole file in the heap for Ed25519 and "
                + model
                + " has "
                + size
                + " bytes (limit "
                + ed25519MaxBytes
                + "); sign large models with an ECDSA key");
      } else {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      throw new ModelLoadException(
          "signature_keys",
          FAILED
              + "every key is Ed25519 and "
              + model
              + " ("
              + size
              + " bytes) is larger than the "
              + ed25519MaxBytes
              + " bytes this heap can check with Ed25519; use an ECDSA key or a larger heap");
    }
    List<Signature> verifiers = new ArrayList<>(keys.size());
    for (SigningKeys.Key key : keys) {
      try {
        Signature s = Signature.getInstance(key.signatureAlgorithm());
        s.initVerify(key.key());
        verifiers.add(s);
      } catch (GeneralSecurityException e) {
        throw new ModelLoadException(
            "signature_keys", FAILED + "key " + key + " cannot verify: " + e.getMessage(), e);
      }
    }
    try (InputStream in = Files.newInputStream(model)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        for (Signature s : verifiers) {
          s.update(buf, 0, n);
        }
      }
    } catch (IOException e) {
      throw new ModelLoadException("load_failed", "reading " + model + " failed: " + e, e);
    } catch (SignatureException e) {
      throw new IllegalStateException("initialised verifier refused an update", e);
    }
    for (int i = 0; i < keys.size(); i++) {
      try {
        if (verifiers.get(i).verify(signature)) {
          return keys.get(i);
        }
      } catch (SignatureException e) {
        // not a signature this key's algorithm can read (wrong length or encoding): no match
      }
    }
    return null;
  }

  /** The signature text: inline, or read from the signature URI; empty when there is none. */
  private Optional<String> signatureText() throws ModelLoadException {
    if (inline != null) {
      return Optional.of(inline);
    }
    if (ModelUris.isRemote(signatureUri)) {
      return download(signatureUri);
    }
    Path path = ModelUris.localPath(signatureUri);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try {
      if (Files.size(path) > MAX_SIGNATURE_BYTES) {
        throw new ModelLoadException(
            "signature_malformed",
            FAILED
                + "the signature file "
                + path
                + " is larger than "
                + MAX_SIGNATURE_BYTES
                + " bytes");
      }
      return Optional.of(Files.readString(path, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new ModelLoadException(
          "signature_missing", FAILED + "cannot read the signature " + path + ": " + e, e);
    }
  }

  /** 404 and 410 mean "no signature"; any other failure is an error, never "absent". */
  private static Optional<String> download(String uri) throws ModelLoadException {
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try {
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        int status = response.statusCode();
        if (status == 404 || status == 410) {
          return Optional.empty();
        }
        if (status != 200) {
          throw new ModelLoadException(
              "download_failed",
              FAILED + "downloading the signature failed: HTTP " + status + " from " + safe(uri));
        }
        byte[] body = in.readNBytes(MAX_SIGNATURE_BYTES + 1);
        if (body.length > MAX_SIGNATURE_BYTES) {
          throw new ModelLoadException(
              "signature_malformed",
              FAILED
                  + "the signature at "
                  + safe(uri)
                  + " is larger than "
                  + MAX_SIGNATURE_BYTES
                  + " bytes");
        }
        return Optional.of(new String(body, StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new ModelLoadException(
          "download_failed",
          FAILED + "downloading the signature from " + safe(uri) + " failed: " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelLoadException("download_failed", "signature download interrupted", e);
    }
  }

  private static String safe(String uri) {
    return ModelUris.isRemote(uri) ? ModelFetcher.safe(uri) : uri;
  }
}
