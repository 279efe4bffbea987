package io.modelops.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.config.RuntimeConfig.SignaturePolicy;
import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ModelSigning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detached model signatures: keys made here (EC secp256r1 and Ed25519), a real ONNX model (the CTR
 * ranker test model), signed, tampered with, signed by the wrong key, rotated.
 */
class SignatureVerifierTest {
  @TempDir Path dir;

  private Path model() {
    return CtrRankerModel.forVersion("signed").writeTo(dir.resolve("models").resolve("ctr.onnx"));
  }

  private Path keys(KeyPair... pairs) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    for (int i = 0; i < pairs.length; i++) {
      Files.writeString(keys.resolve("key-" + i + ".pub"), ModelSigning.pem(pairs[i].getPublic()));
    }
    return keys;
  }

  private static SignatureVerifier required(Path model, Path keys) {
    return new SignatureVerifier(
        SignaturePolicy.REQUIRED, model.toUri().toString() + ".sig", null, keys);
  }

  /**
   * {@code cosign sign-blob --key cosign.key model.onnx} with an ECDSA P-256 key hashes the blob
   * with SHA-256, signs that digest with ECDSA and writes the ASN.1 DER signature base64-encoded.
   * {@code Signature("SHA256withECDSA")} is the same computation (hash the message with SHA-256,
   * ECDSA over the digest, DER {@code SEQUENCE {r, s}} output), so its base64 output is the cosign
   * file format. {@link OpensslInteropTest} checks the same format made by an independent
   * implementation ({@code openssl dgst -sha256 -sign}); a cosign binary was not at hand when this
   * was written (docs/runtime.md says how to check one by hand).
   */
  @Test
  void anEcdsaSignatureInCosignsFormatVerifiesAndTheKeyIdIsLogged() throws Exception {
    KeyPair pair = ModelSigning.ecP256();
    Path model = model();
    Path sig = ModelSigning.writeSignature(pair.getPrivate(), model);
    byte[] der = Base64.getDecoder().decode(Files.readString(sig).trim());
    assertEquals(0x30, der[0] & 0xff, "ASN.1 DER SEQUENCE");
    Optional<SigningKeys.Key> key = required(model, keys(pair)).verify(model);
    assertTrue(key.isPresent());
    assertEquals(SigningKeys.fingerprint(pair.getPublic()), key.get().fingerprint());
    assertTrue(key.get().fingerprint().matches("SHA256:[0-9a-f]{64}"), key.get().fingerprint());
  }

  @Test
  void anEd25519SignatureVerifies() throws Exception {
    KeyPair pair = ModelSigning.ed25519();
    Path model = model();
    ModelSigning.writeSignature(pair.getPrivate(), model);
    assertEquals(
        64,
        Base64.getDecoder()
            .decode(Files.readString(model.resolveSibling("ctr.onnx.sig")).trim())
            .length);
    assertEquals("Ed25519", required(model, keys(pair)).verify(model).orElseThrow().algorithm());
  }

  @Test
  void aTamperedModelIsRefusedWithTheReason() throws Exception {
    for (KeyPair pair : new KeyPair[] {ModelSigning.ecP256(), ModelSigning.ed25519()}) {
      Path model = model();
      ModelSigning.writeSignature(pair.getPrivate(), model);
      ModelSigning.flipOneByte(model);
      Path keys = keys(pair);
      ModelLoadException e =
          assertThrows(ModelLoadException.class, () -> required(model, keys).verify(model));
      assertEquals("signature_mismatch", e.reason());
      assertEquals(
          "model signature verification failed: no key in " + keys + " (1 key) verifies " + model,
          e.getMessage());
    }
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() throws Exception {
    Path model = model();
    ModelSigning.writeSignature(ModelSigning.ecP256().getPrivate(), model);
    Path keys = keys(ModelSigning.ecP256(), ModelSigning.ed25519());
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> required(model, keys).verify(model));
    assertEquals("signature_mismatch", e.reason());
    assertTrue(e.getMessage().contains("(2 keys) verifies"), e.getMessage());
  }

  @Test
  void withTwoKeysTheSecondVerifying() throws Exception {
    KeyPair old = ModelSigning.ecP256();
    KeyPair current = ModelSigning.ed25519();
    Path model = model();
    ModelSigning.writeSignature(current.getPrivate(), model);
    Path keys = keys(old, current);
    assertEquals(
        SigningKeys.fingerprint(current.getPublic()),
        required(model, keys).verify(model).orElseThrow().fingerprint());
    // the same two keys as two blocks of one PEM file
    Path bundle =
        Files.writeString(
            dir.resolve("bundle.pem"),
            ModelSigning.pem(old.getPublic()) + ModelSigning.pem(current.getPublic()));
    assertEquals(
        SigningKeys.fingerprint(current.getPublic()),
        required(model, bundle).verify(model).orElseThrow().fingerprint());
  }

  @Test
  void aMountedSecretsBookkeepingEntriesAreSkipped() throws Exception {
    KeyPair pair = ModelSigning.ecP256();
    Path model = model();
    ModelSigning.writeSignature(pair.getPrivate(), model);
    // the kubelet's layout: <dir>/..<timestamp>/<key>, <dir>/..data -> ..<timestamp>,
    // <dir>/<key> -> ..data/<key>
    Path keys = Files.createDirectories(dir.resolve("secret"));
    Path stamped = Files.createDirectories(keys.resolve("..2026_12_02_00_00_00.1"));
    Files.writeString(stamped.resolve("cosign.pub"), ModelSigning.pem(pair.getPublic()));
    Files.createSymbolicLink(keys.resolve("..data"), stamped.getFileName());
    Files.createSymbolicLink(keys.resolve("cosign.pub"), Path.of("..data", "cosign.pub"));
    assertEquals(1, SigningKeys.load(keys).size());
    assertTrue(required(model, keys).verify(model).isPresent());
  }

  @Test
  void requiredWithoutASignatureIsRefusedAndIfPresentLoads() throws Exception {
    Path model = model();
    Path keys = keys(ModelSigning.ecP256());
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> required(model, keys).verify(model));
    assertEquals("signature_missing", e.reason());
    assertEquals(
        "model signature verification failed: no signature at "
            + model.toUri()
            + ".sig and the policy is required",
        e.getMessage());
    SignatureVerifier ifPresent =
        new SignatureVerifier(SignaturePolicy.IF_PRESENT, model.toUri() + ".sig", null, keys);
    assertEquals(Optional.empty(), ifPresent.verify(model));
  }

  @Test
  void ifPresentStillRefusesAWrongSignature() throws Exception {
    Path model = model();
    ModelSigning.writeSignature(ModelSigning.ecP256().getPrivate(), model);
    SignatureVerifier ifPresent =
        new SignatureVerifier(
            SignaturePolicy.IF_PRESENT, model.toUri() + ".sig", null, keys(ModelSigning.ecP256()));
    assertEquals(
        "signature_mismatch",
        assertThrows(ModelLoadException.class, () -> ifPresent.verify(model)).reason());
  }

  @Test
  void base64GarbageIsAClearError() throws Exception {
    Path model = model();
    Files.writeString(model.resolveSibling("ctr.onnx.sig"), "this is not base64!\n");
    ModelLoadException e =
        assertThrows(
            ModelLoadException.class,
            () -> required(model, keys(ModelSigning.ecP256())).verify(model));
    assertEquals("signature_malformed", e.reason());
    assertTrue(
        e.getMessage()
            .startsWith(
                "model signature verification failed: the signature in "
                    + model.toUri()
                    + ".sig is not base64"),
        e.getMessage());
    // valid base64 that is no signature at all is simply a signature no key verifies
    Files.writeString(model.resolveSibling("ctr.onnx.sig"), "AAAA\n");
    assertEquals(
        "signature_mismatch",
        assertThrows(
                ModelLoadException.class, () -> required(model, dir.resolve("keys")).verify(model))
            .reason());
  }

  @Test
  void anInlineSignatureVerifies() throws Exception {
    KeyPair pair = ModelSigning.ecP256();
    Path model = model();
    String inline = ModelSigning.sign(pair.getPrivate(), model);
    assertTrue(
        new SignatureVerifier(SignaturePolicy.REQUIRED, null, inline, keys(pair))
            .verify(model)
            .isPresent());
  }

  @Test
  void disabledChecksNothing() throws Exception {
    Path model = model();
    Files.writeString(model.resolveSibling("ctr.onnx.sig"), "garbage!");
    assertEquals(
        Optional.empty(),
        new SignatureVerifier(SignaturePolicy.DISABLED, null, null, null).verify(model));
  }

  @Test
  void keysThatAreNotPublicKeysAreRefused() throws Exception {
    Path model = model();
    KeyPair pair = ModelSigning.ecP256();
    ModelSigning.writeSignature(pair.getPrivate(), model);
    Path keys = Files.createDirectories(dir.resolve("bad-keys"));
    Files.writeString(
        keys.resolve("cosign.key"),
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> required(model, keys).verify(model));
    assertEquals("signature_keys", e.reason());
    assertTrue(
        e.getMessage().contains("holds a 'PRIVATE KEY' block, not a 'PUBLIC KEY'"), e.getMessage());
    assertFalse(
        e.getMessage()
            .contains(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())));
    Files.delete(keys.resolve("cosign.key"));
    Files.writeString(keys.resolve("empty.pub"), "nothing here\n", StandardCharsets.US_ASCII);
    assertTrue(
        assertThrows(ModelLoadException.class, () -> required(model, keys).verify(model))
            .getMessage()
            .contains("holds no '-----BEGIN PUBLIC KEY-----' block"));
    ModelLoadException missing =
        assertThrows(
            ModelLoadException.class,
            () -> required(model, dir.resolve("no-such-dir")).verify(model));
    assertTrue(missing.getMessage().endsWith("no-such-dir does not exist"), missing.getMessage());
  }

  /** The loader checks the signature before ONNX Runtime opens the file, and then serves it. */
  @Test
  void theLoaderVerifiesBeforeLoading() throws Exception {
    KeyPair pair = ModelSigning.ecP256();
    Path model = model();
    ModelSigning.writeSignature(pair.getPrivate(), model);
    Map<String, String> env = new HashMap<>();
    env.put("MODEL_NAME", "ctr");
    env.put("MODEL_URI", model.toUri().toString());
    env.put("MODEL_CACHE_DIR", dir.resolve("cache").toString());
    env.put("MODEL_SIGNATURE_KEYS", keys(pair).toString());
    RuntimeConfig config = RuntimeConfig.load(env, new String[0]);
    assertEquals(SignaturePolicy.REQUIRED, config.signaturePolicy());
    OrtEnvironment ort = OrtEnvironment.getEnvironment();
    LoadedModel loaded = new ModelLoader(config, ort).load();
    try {
      assertEquals(2, loaded.signature().inputs().size());
    } finally {
      loaded.session().close();
    }
    ModelSigning.flipOneByte(model);
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> new ModelLoader(config, ort).load());
    assertEquals("signature_mismatch", e.reason());
  }

  /**
   * The JDK's Ed25519 verifier buffers the whole file in the heap (ECDSA streams): a file above the
   * limit is not tried with Ed25519 keys, an ECDSA key still verifies it, and with Ed25519 keys
   * only the refusal says why.
   */
  @Test
  void ed25519KeysAreNotTriedOnFilesLargerThanTheHeapAllows() throws Exception {
    KeyPair ec = ModelSigning.ecP256();
    KeyPair ed = ModelSigning.ed25519();
    Path model = model();
    long small = Files.size(model) - 1;
    String edSig = ModelSigning.sign(ed.getPrivate(), model);
    var both =
        SigningKeys.parse(ModelSigning.pem(ed.getPublic()) + ModelSigning.pem(ec.getPublic()), "t");
    assertEquals(
        "Ed25519",
        SignatureVerifier.verify(model, Base64.getDecoder().decode(edSig), both, Long.MAX_VALUE)
            .algorithm());
    assertEquals(
        null, SignatureVerifier.verify(model, Base64.getDecoder().decode(edSig), both, small));
    byte[] ecSig = Base64.getDecoder().decode(ModelSigning.sign(ec.getPrivate(), model));
    assertEquals("EC", SignatureVerifier.verify(model, ecSig, both, small).algorithm());
    var edOnly = SigningKeys.parse(ModelSigning.pem(ed.getPublic()), "t");
    ModelLoadException e =
        assertThrows(
            ModelLoadException.class,
            () ->
                SignatureVerifier.verify(model, Base64.getDecoder().decode(edSig), edOnly, small));
    assertTrue(e.getMessage().contains("use an ECDSA key or a larger heap"), e.getMessage());
    assertEquals(1L << 30, SignatureVerifier.ed25519MaxBytes(4L << 30));
    assertEquals(Integer.MAX_VALUE - 8L, SignatureVerifier.ed25519MaxBytes(64L << 30));
  }

  /** Sanity: a signature made over other bytes really does not verify (the test can fail). */
  @Test
  void theJdkVerifierIsNotTrivial() throws Exception {
    KeyPair pair = ModelSigning.ecP256();
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(new byte[] {1});
    byte[] sig = s.sign();
    Path model = model();
    assertEquals(
        null,
        SignatureVerifier.verify(
            model, sig, SigningKeys.parse(ModelSigning.pem(pair.getPublic()), "t")));
  }
}
