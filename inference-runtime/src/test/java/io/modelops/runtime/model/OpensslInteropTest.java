package io.modelops.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelops.runtime.config.RuntimeConfig.SignaturePolicy;
import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ModelSigning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and signatures made by an independent implementation, with the exact commands of
 * docs/runtime.md ("Signed models"): {@code openssl dgst -sha256 -sign} with a P-256 key writes the
 * same ASN.1 DER ECDSA-over-SHA-256 signature as {@code cosign sign-blob --key}, and {@code openssl
 * pkeyutl -sign -rawin} a pure Ed25519 one. Skipped where no {@code openssl} binary is on the PATH.
 */
class OpensslInteropTest {
  @TempDir Path dir;

  private static boolean haveOpenssl() {
    try {
      return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor()
          == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
  }

  private Path model() {
    return CtrRankerModel.forVersion("openssl").writeTo(dir.resolve("model.onnx"));
  }

  private SignatureVerifier verifier(Path model, String publicKey) {
    return new SignatureVerifier(
        SignaturePolicy.REQUIRED, model.toUri() + ".sig", null, dir.resolve(publicKey));
  }

  @Test
  void anOpensslEcdsaP256SignatureInCosignsFormatVerifies() throws Exception {
    assumeTrue(haveOpenssl(), "no openssl on the PATH");
    Path model = model();
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
    openssl("ec", "-in", "ec.key", "-pubout", "-out", "ec.pub");
    openssl("dgst", "-sha256", "-sign", "ec.key", "-out", "model.onnx.sig.der", "model.onnx");
    openssl("base64", "-A", "-in", "model.onnx.sig.der", "-out", "model.onnx.sig");
    assertEquals("EC", verifier(model, "ec.pub").verify(model).orElseThrow().algorithm());
    ModelSigning.flipOneByte(model);
    assertEquals(
        "signature_mismatch",
        assertThrows(ModelLoadException.class, () -> verifier(model, "ec.pub").verify(model))
            .reason());
  }

  @Test
  void anOpensslEd25519SignatureVerifies() throws Exception {
    assumeTrue(haveOpenssl(), "no openssl on the PATH");
    Path model = model();
    openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    openssl("pkey", "-in", "ed.key", "-pubout", "-out", "ed.pub");
    openssl(
        "pkeyutl",
        "-sign",
        "-rawin",
        "-inkey",
        "ed.key",
        "-in",
        "model.onnx",
        "-out",
        "model.onnx.sig.raw");
    assertEquals(64, Files.size(dir.resolve("model.onnx.sig.raw")));
    openssl("base64", "-A", "-in", "model.onnx.sig.raw", "-out", "model.onnx.sig");
    assertEquals("Ed25519", verifier(model, "ed.pub").verify(model).orElseThrow().algorithm());
    ModelSigning.flipOneByte(model);
    assertEquals(
        "signature_mismatch",
        assertThrows(ModelLoadException.class, () -> verifier(model, "ed.pub").verify(model))
            .reason());
  }
}
