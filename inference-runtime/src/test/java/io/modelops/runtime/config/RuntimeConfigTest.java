package io.modelops.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("MODEL_NAME", "ctr");
    env.put("MODEL_URI", "file:///mnt/models/ctr.onnx");
    return env;
  }

  @Test
  void defaultsMatchTheContract() {
    RuntimeConfig c = RuntimeConfig.load(minimal(), new String[0]);
    assertEquals("ctr", c.modelName());
    assertEquals("1", c.modelVersion());
    assertNull(c.modelSha256());
    assertEquals(Path.of("/var/cache/modelops"), c.cacheDir());
    assertEquals(8080, c.port());
    assertEquals(RuntimeConfig.Device.CPU, c.device());
    assertEquals(0, c.deviceId());
    assertEquals(1, c.batchMaxSize());
    assertFalse(c.batching());
    assertEquals(Duration.ofMillis(2), c.batchMaxQueueDelay());
    assertEquals(1024, c.queueCapacity());
    assertEquals(0, c.intraOpThreads());
    assertEquals(0, c.interOpThreads());
    assertEquals(RuntimeConfig.OptLevel.ALL, c.optLevel());
    assertEquals(67108864, c.maxBodyBytes());
    assertEquals(Duration.ofSeconds(30), c.readTimeout());
    assertEquals(Duration.ofMinutes(5), c.idleTimeout());
    assertEquals(10_000, c.maxConnections());
    assertEquals(Duration.ofSeconds(20), c.drainGrace());
    assertFalse(c.adminEnabled());
    assertNull(c.adminTokenFile());
    assertFalse(c.allowNonFinite());
  }

  @Test
  void flagsOverrideEnvironmentInBothForms() {
    Map<String, String> env = minimal();
    env.put("RUNTIME_PORT", "9000");
    RuntimeConfig c =
        RuntimeConfig.load(
            env,
            new String[] {
              "--runtime-port",
              "9100",
              "--model-version=7",
              "--runtime-batch-max-size",
              "64",
              "--runtime-batch-max-queue-delay=500us",
              "--runtime-device",
              "CUDA",
              "--model-sha256",
              "AFDE85AC86BE85EE240FB0ACC4E9C02203DD717FB1EF917185D4A9CDF361DF13"
            });
    assertEquals(9100, c.port());
    assertEquals("7", c.modelVersion());
    assertEquals(64, c.batchMaxSize());
    assertTrue(c.batching());
    assertEquals(Duration.ofNanos(500_000), c.batchMaxQueueDelay());
    assertEquals(RuntimeConfig.Device.CUDA, c.device());
    assertEquals(
        "afde85ac86be85ee240fb0acc4e9c02203dd717fb1ef917185d4a9cdf361df13", c.modelSha256());
  }

  @Test
  void acceptsPlainPathsAndHttpUrls() {
    Map<String, String> env = minimal();
    env.put("MODEL_URI", "/models/a.onnx");
    assertEquals("/models/a.onnx", RuntimeConfig.load(env, new String[0]).modelUri());
    env.put("MODEL_URI", "https://models.example/a.onnx");
    assertEquals(
        "https://models.example/a.onnx", RuntimeConfig.load(env, new String[0]).modelUri());
  }

  @Test
  void everyBadSettingNamesItself() {
    assertBad(Map.of("MODEL_NAME", ""), "MODEL_NAME is required");
    assertBad(Map.of("MODEL_NAME", "bad name/x"), "MODEL_NAME");
    assertBad(Map.of("MODEL_URI", "pvc://claim/model.onnx"), "MODEL_URI");
    assertBad(Map.of("MODEL_URI", "relative/model.onnx"), "MODEL_URI");
    assertBad(Map.of("MODEL_SHA256", "abc"), "MODEL_SHA256");
    assertBad(Map.of("RUNTIME_PORT", "70000"), "RUNTIME_PORT");
    assertBad(Map.of("RUNTIME_PORT", "http"), "RUNTIME_PORT must be an integer");
    assertBad(Map.of("RUNTIME_DEVICE", "tpu"), "RUNTIME_DEVICE must be one of cpu, cuda");
    assertBad(Map.of("RUNTIME_BATCH_MAX_SIZE", "0"), "RUNTIME_BATCH_MAX_SIZE");
    assertBad(Map.of("RUNTIME_BATCH_MAX_QUEUE_DELAY", "2"), "RUNTIME_BATCH_MAX_QUEUE_DELAY");
    assertBad(Map.of("RUNTIME_ORT_OPT_LEVEL", "max"), "RUNTIME_ORT_OPT_LEVEL");
    assertBad(Map.of("RUNTIME_DRAIN_GRACE", "2h"), "RUNTIME_DRAIN_GRACE");
    assertBad(Map.of("RUNTIME_ADMIN_ENABLED", "maybe"), "RUNTIME_ADMIN_ENABLED");
    assertBad(Map.of("RUNTIME_ADMIN_ENABLED", "true"), "RUNTIME_ADMIN_TOKEN_FILE");
  }

  @Test
  void signatureSettingsDefaultFromTheKeys() {
    RuntimeConfig none = RuntimeConfig.load(minimal(), new String[0]);
    assertEquals(RuntimeConfig.SignaturePolicy.DISABLED, none.signaturePolicy());
    assertNull(none.signatureUri());
    Map<String, String> env = minimal();
    env.put("MODEL_SIGNATURE_KEYS", "/etc/modelops/signing-keys");
    RuntimeConfig keyed = RuntimeConfig.load(env, new String[0]);
    assertEquals(RuntimeConfig.SignaturePolicy.REQUIRED, keyed.signaturePolicy());
    assertEquals("file:///mnt/models/ctr.onnx.sig", keyed.signatureUri());
    assertEquals(Path.of("/etc/modelops/signing-keys"), keyed.signatureKeys());
    env.put("MODEL_SIGNATURE_POLICY", "IfPresent");
    env.put("MODEL_SIGNATURE_URI", "https://models.example/ctr.onnx.sig");
    RuntimeConfig explicit = RuntimeConfig.load(env, new String[0]);
    assertEquals(RuntimeConfig.SignaturePolicy.IF_PRESENT, explicit.signaturePolicy());
    assertEquals("https://models.example/ctr.onnx.sig", explicit.signatureUri());
    env.remove("MODEL_SIGNATURE_URI");
    env.put("MODEL_SIGNATURE", "MEUCIQ==");
    RuntimeConfig inline = RuntimeConfig.load(env, new String[0]);
    assertEquals("MEUCIQ==", inline.signatureInline());
    assertNull(inline.signatureUri());
  }

  @Test
  void badSignatureSettingsNameThemselves() {
    assertBad(
        Map.of("MODEL_SIGNATURE_POLICY", "always"),
        "MODEL_SIGNATURE_POLICY must be one of required, ifpresent, disabled, got 'always'");
    assertBad(
        Map.of("MODEL_SIGNATURE_POLICY", "required"),
        "MODEL_SIGNATURE_POLICY=required needs MODEL_SIGNATURE_KEYS");
    assertBad(
        Map.of("MODEL_SIGNATURE_KEYS", "/k", "MODEL_SIGNATURE", "not base64!"),
        "MODEL_SIGNATURE is not valid base64");
    assertBad(
        Map.of(
            "MODEL_SIGNATURE_KEYS", "/k", "MODEL_SIGNATURE", "AAAA", "MODEL_SIGNATURE_URI", "/s"),
        "MODEL_SIGNATURE and MODEL_SIGNATURE_URI are exclusive");
    assertBad(
        Map.of("MODEL_SIGNATURE_KEYS", "/k", "MODEL_SIGNATURE_URI", "s3://bucket/x.sig"),
        "MODEL_SIGNATURE_URI: the URI 's3://bucket/x.sig' is not supported");
    assertBad(
        Map.of("MODEL_SIGNATURE_KEYS", "/k", "MODEL_URI", "https://h/m.onnx?token=x"),
        "set MODEL_SIGNATURE_URI or MODEL_SIGNATURE");
  }

  @Test
  void rejectsUnknownFlagsAndMissingValues() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> RuntimeConfig.load(minimal(), new String[] {"--model-urii", "x"}));
    assertTrue(e.getMessage().contains("unknown flag --model-urii"));
    e =
        assertThrows(
            ConfigException.class,
            () -> RuntimeConfig.load(minimal(), new String[] {"--runtime-port"}));
    assertTrue(e.getMessage().contains("needs a value"));
    e =
        assertThrows(
            ConfigException.class, () -> RuntimeConfig.load(minimal(), new String[] {"serve"}));
    assertTrue(e.getMessage().contains("unexpected argument"));
  }

  private static void assertBad(Map<String, String> override, String expected) {
    Map<String, String> env = minimal();
    env.putAll(override);
    ConfigException e =
        assertThrows(ConfigException.class, () -> RuntimeConfig.load(env, new String[0]));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void inputByteBudgetDefaultsFromTheBodyLimitAndHeapAndCanBeSet() {
    assertEquals(256L << 20, RuntimeConfig.defaultMaxInputBytes(64 << 20, 4L << 30));
    assertEquals(64L << 20, RuntimeConfig.defaultMaxInputBytes(64 << 20, 256L << 20));
    assertEquals(1L << 20, RuntimeConfig.defaultMaxInputBytes(256 << 10, 4L << 30));
    Map<String, String> env = minimal();
    env.put("RUNTIME_MAX_INPUT_BYTES", "1048576");
    assertEquals(1048576L, RuntimeConfig.load(env, new String[0]).maxInputBytes());
    env.put("RUNTIME_MAX_INPUT_BYTES", "12");
    assertThrows(ConfigException.class, () -> RuntimeConfig.load(env, new String[0]));
  }
}
