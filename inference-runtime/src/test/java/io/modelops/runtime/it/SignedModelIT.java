package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ModelSigning;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signed models end to end: the runtime process serves a correctly signed model and logs the key
 * that verified it; a tampered one ends the process with exit code 3 and a termination message
 * saying why (the path the operator turns into ModelLoadFailed).
 */
class SignedModelIT {
  private final CtrRankerModel model = CtrRankerModel.forVersion("signed-it");

  private static Map<String, String> settings(Path dir, Path file, Path keys) {
    Map<String, String> s = new HashMap<>();
    s.put("MODEL_NAME", "ctr");
    s.put("MODEL_URI", file.toUri().toString());
    s.put("MODEL_CACHE_DIR", dir.resolve("cache").toString());
    s.put("MODEL_SIGNATURE_KEYS", keys.toString());
    s.put("RUNTIME_TERMINATION_MESSAGE_PATH", dir.resolve("termination-log").toString());
    return s;
  }

  private static Path keys(Path dir, KeyPair... pairs) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    for (int i = 0; i < pairs.length; i++) {
      Files.writeString(keys.resolve("key-" + i + ".pub"), ModelSigning.pem(pairs[i].getPublic()));
    }
    return keys;
  }

  @Test
  void aSignedModelServesAndTheKeyIdIsLogged() throws Exception {
    Path dir = RuntimeProcess.workDir("signed");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    KeyPair old = ModelSigning.ed25519();
    KeyPair current = ModelSigning.ecP256();
    ModelSigning.writeSignature(current.getPrivate(), file);
    try (RuntimeProcess rt =
        RuntimeProcess.start(settings(dir, file, keys(dir, old, current))).awaitReady()) {
      long[] ids = CtrRankerModel.sampleIds(2, 3);
      float[][] dense = CtrRankerModel.sampleDense(2, 3);
      HttpResponse<String> r =
          rt.post("/v2/models/ctr/infer", CtrRequests.json(ids, dense, false, ""));
      assertEquals(200, r.statusCode(), r.body());
      CtrRequests.assertClose(
          model.score(ids, dense), CtrRequests.scores(RuntimeProcess.json(r.body())));
      assertTrue(
          rt.logs()
              .contains(
                  "by key "
                      + io.modelops.runtime.model.SigningKeys.fingerprint(current.getPublic())),
          rt.logs());
    }
  }

  @Test
  void aTamperedModelExitsWithCode3AndSaysWhy() throws Exception {
    Path dir = RuntimeProcess.workDir("tampered");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    KeyPair pair = ModelSigning.ecP256();
    ModelSigning.writeSignature(pair.getPrivate(), file);
    ModelSigning.flipOneByte(file);
    Path keys = keys(dir, pair);
    RuntimeProcess.Exited exited = RuntimeProcess.runToExit(settings(dir, file, keys));
    assertEquals(3, exited.code(), exited.output());
    assertEquals(
        "model load failed: model signature verification failed: no key in "
            + keys
            + " (1 key) verifies "
            + file,
        Files.readString(dir.resolve("termination-log")));
    assertTrue(exited.output().contains("model NOT ready (signature_mismatch)"), exited.output());
    assertTrue(!exited.output().contains("ONNX Runtime could not load"), exited.output());
  }

  @Test
  void anUnsignedModelUnderTheDefaultPolicyExitsWithCode3() throws Exception {
    Path dir = RuntimeProcess.workDir("unsigned");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    RuntimeProcess.Exited exited =
        RuntimeProcess.runToExit(settings(dir, file, keys(dir, ModelSigning.ecP256())));
    assertEquals(3, exited.code(), exited.output());
    assertEquals(
        "model load failed: model signature verification failed: no signature at "
            + file.toUri()
            + ".sig and the policy is required",
        Files.readString(dir.resolve("termination-log")));
  }
}
