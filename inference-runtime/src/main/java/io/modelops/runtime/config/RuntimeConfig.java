package io.modelops.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The runtime's configuration: environment variables, each also accepted as a {@code --kebab-case}
 * flag ({@code MODEL_URI} = {@code --model-uri}); flags win. See docs/runtime.md.
 */
public record RuntimeConfig(
    String modelName,
    String modelVersion,
    String modelUri,
    String modelSha256,
    Path cacheDir,
    String host,
    int port,
    Device device,
    int deviceId,
    int batchMaxSize,
    Duration batchMaxQueueDelay,
    int queueCapacity,
    int workerThreads,
    int ioThreads,
    int intraOpThreads,
    int interOpThreads,
    OptLevel optLevel,
    boolean cpuArena,
    int maxBodyBytes,
    long maxInputBytes,
    Duration readTimeout,
    Duration idleTimeout,
    int maxConnections,
    boolean allowNonFinite,
    Duration drainGrace,
    boolean adminEnabled,
    Path adminTokenFile,
    Duration adminMaxFaultDuration,
    Path terminationMessagePath,
    boolean exitOnLoadFailure,
    SignaturePolicy signaturePolicy,
    String signatureUri,
    String signatureInline,
    Path signatureKeys,
    Path modelProfile,
    Duration warmup) {

  /** Execution device requested by the operator. */
  public enum Device {
    CPU,
    CUDA
  }

  /** ONNX Runtime graph optimisation level. */
  public enum OptLevel {
    NONE,
    BASIC,
    EXTENDED,
    ALL
  }

  /**
   * What to do about a detached signature over the model file (MODEL_SIGNATURE_POLICY): {@code
   * required} refuses an unsigned or wrongly signed model, {@code ifpresent} refuses only a wrong
   * signature, {@code disabled} checks nothing.
   */
  public enum SignaturePolicy {
    REQUIRED,
    IF_PRESENT,
    DISABLED;

    /** Accepts {@code required}, {@code ifpresent}, {@code if-present}, {@code disabled}. */
    static SignaturePolicy parse(String s) {
      String k = s.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
      return switch (k) {
        case "REQUIRED" -> REQUIRED;
        case "IFPRESENT" -> IF_PRESENT;
        case "DISABLED" -> DISABLED;
        default ->
            throw new ConfigException(
                "MODEL_SIGNATURE_POLICY must be one of required, ifpresent, disabled, got '"
                    + s
                    + "'");
      };
    }
  }

  /** Every setting name this class reads (environment-variable form). */
  public static final Set<String> KNOWN =
      Set.of(
          "MODEL_NAME",
          "MODEL_VERSION",
          "MODEL_URI",
          "MODEL_SHA256",
          "MODEL_CACHE_DIR",
          "MODEL_SIGNATURE_POLICY",
          "MODEL_SIGNATURE_URI",
          "MODEL_SIGNATURE",
          "MODEL_SIGNATURE_KEYS",
          "MODEL_PROFILE",
          "RUNTIME_HOST",
          "RUNTIME_PORT",
          "RUNTIME_DEVICE",
          "RUNTIME_DEVICE_ID",
          "RUNTIME_BATCH_MAX_SIZE",
          "RUNTIME_BATCH_MAX_QUEUE_DELAY",
          "RUNTIME_BATCH_QUEUE_CAPACITY",
          "RUNTIME_WORKER_THREADS",
          "RUNTIME_IO_THREADS",
          "RUNTIME_ORT_INTRA_OP_THREADS",
          "RUNTIME_ORT_INTER_OP_THREADS",
          "RUNTIME_ORT_OPT_LEVEL",
          "RUNTIME_ORT_CPU_ARENA",
          "RUNTIME_MAX_BODY_BYTES",
          "RUNTIME_MAX_INPUT_BYTES",
          "RUNTIME_READ_TIMEOUT",
          "RUNTIME_IDLE_TIMEOUT",
          "RUNTIME_MAX_CONNECTIONS",
          "RUNTIME_ALLOW_NONFINITE",
          "RUNTIME_DRAIN_GRACE",
          "RUNTIME_ADMIN_ENABLED",
          "RUNTIME_ADMIN_TOKEN_FILE",
          "RUNTIME_ADMIN_MAX_FAULT_DURATION",
          "RUNTIME_TERMINATION_MESSAGE_PATH",
          "RUNTIME_EXIT_ON_LOAD_FAILURE",
          "RUNTIME_WARMUP");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Reads the configuration from the process environment and command-line flags. */
  public static RuntimeConfig load(Map<String, String> env, String[] args) {
    Map<String, String> values = new HashMap<>();
    for (String key : KNOWN) {
      String v = env.get(key);
      if (v != null && !v.isBlank()) {
        values.put(key, v.trim());
      }
    }
    values.putAll(parseFlags(args));
    return fromValues(values);
  }

  /** Parses {@code --kebab-case value} and {@code --kebab-case=value} flags. */
  static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException(
            "unexpected argument '" + arg + "' (flags look like --model-uri)");
      }
      String body = arg.substring(2);
      String value;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        value = body.substring(eq + 1);
        body = body.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException("flag --" + body + " needs a value");
      }
      String key = body.toUpperCase(Locale.ROOT).replace('-', '_');
      if (!KNOWN.contains(key)) {
        throw new ConfigException("unknown flag --" + body);
      }
      flags.put(key, value.trim());
    }
    return flags;
  }

  static RuntimeConfig fromValues(Map<String, String> v) {
    Reader r = new Reader(v);
    String name = r.required("MODEL_NAME");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(
          "MODEL_NAME '" + name + "' must match " + NAME.pattern() + " (used in URLs and labels)");
    }
    String version = r.string("MODEL_VERSION", "1");
    if (!NAME.matcher(version).matches()) {
      throw new ConfigException("MODEL_VERSION '" + version + "' must match " + NAME.pattern());
    }
    String uri = r.required("MODEL_URI");
    ModelUris.validate(uri);
    String sha = v.get("MODEL_SHA256");
    if (sha != null) {
      sha = sha.toLowerCase(Locale.ROOT);
      if (!SHA256.matcher(sha).matches()) {
        throw new ConfigException("MODEL_SHA256 must be 64 hex characters, got '" + sha + "'");
      }
    }
    Signing signing = signing(v, uri);
    boolean adminEnabled = r.bool("RUNTIME_ADMIN_ENABLED", false);
    String tokenFile = v.get("RUNTIME_ADMIN_TOKEN_FILE");
    if (adminEnabled && tokenFile == null) {
      throw new ConfigException(
          "RUNTIME_ADMIN_ENABLED=true needs RUNTIME_ADMIN_TOKEN_FILE (the admin API never runs"
              + " without a token)");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int maxBody = r.integer("RUNTIME_MAX_BODY_BYTES", 64 << 20, 1024, Integer.MAX_VALUE - 1);
    return new RuntimeConfig(
        name,
        version,
        uri,
        sha,
        Path.of(r.string("MODEL_CACHE_DIR", "/var/cache/modelops")),
        r.string("RUNTIME_HOST", "0.0.0.0"),
        r.integer("RUNTIME_PORT", 8080, 0, 65535),
        r.enumValue("RUNTIME_DEVICE", Device.CPU, Device.class),
        r.integer("RUNTIME_DEVICE_ID", 0, 0, 1024),
        r.integer("RUNTIME_BATCH_MAX_SIZE", 1, 1, 1 << 20),
        r.duration("RUNTIME_BATCH_MAX_QUEUE_DELAY", "2ms", Duration.ZERO, Duration.ofSeconds(10)),
        r.integer("RUNTIME_BATCH_QUEUE_CAPACITY", 1024, 1, 1 << 20),
        r.integer("RUNTIME_WORKER_THREADS", cores, 1, 1024),
        r.integer("RUNTIME_IO_THREADS", Math.max(1, Math.min(cores, 4)), 1, 256),
        r.integer("RUNTIME_ORT_INTRA_OP_THREADS", 0, 0, 1024),
        r.integer("RUNTIME_ORT_INTER_OP_THREADS", 0, 0, 1024),
        r.enumValue("RUNTIME_ORT_OPT_LEVEL", OptLevel.ALL, OptLevel.class),
        r.bool("RUNTIME_ORT_CPU_ARENA", true),
        maxBody,
        r.longValue(
            "RUNTIME_MAX_INPUT_BYTES",
            defaultMaxInputBytes(maxBody, Runtime.getRuntime().maxMemory()),
            1024,
            Integer.MAX_VALUE - 8L),
        r.duration("RUNTIME_READ_TIMEOUT", "30s", Duration.ofMillis(10), Duration.ofHours(1)),
        r.duration("RUNTIME_IDLE_TIMEOUT", "5m", Duration.ofMillis(10), Duration.ofDays(1)),
        r.integer("RUNTIME_MAX_CONNECTIONS", 10_000, 1, 1 << 20),
        r.bool("RUNTIME_ALLOW_NONFINITE", false),
        r.duration("RUNTIME_DRAIN_GRACE", "20s", Duration.ZERO, Duration.ofHours(1)),
        adminEnabled,
        tokenFile == null ? null : Path.of(tokenFile),
        r.duration(
            "RUNTIME_ADMIN_MAX_FAULT_DURATION", "10m", Duration.ofSeconds(1), Duration.ofDays(1)),
        Path.of(r.string("RUNTIME_TERMINATION_MESSAGE_PATH", "/dev/termination-log")),
        r.bool("RUNTIME_EXIT_ON_LOAD_FAILURE", true),
        signing.policy(),
        signing.uri(),
        signing.inline(),
        signing.keys(),
        v.get("MODEL_PROFILE") == null || v.get("MODEL_PROFILE").isEmpty()
            ? null
            : Path.of(v.get("MODEL_PROFILE")),
        r.duration("RUNTIME_WARMUP", "1s", Duration.ZERO, Duration.ofMinutes(5)));
  }

  private record Signing(SignaturePolicy policy, String uri, String inline, Path keys) {}

  /**
   * The signature settings: the policy defaults to {@code required} when MODEL_SIGNATURE_KEYS is
   * set and to {@code disabled} otherwise; the signature comes from MODEL_SIGNATURE (inline base64)
   * or MODEL_SIGNATURE_URI (default: the model URI plus {@code .sig}).
   */
  private static Signing signing(Map<String, String> v, String modelUri) {
    String keys = v.get("MODEL_SIGNATURE_KEYS");
    String policyValue = v.get("MODEL_SIGNATURE_POLICY");
    SignaturePolicy policy =
        policyValue != null
            ? SignaturePolicy.parse(policyValue)
            : keys != null ? SignaturePolicy.REQUIRED : SignaturePolicy.DISABLED;
    String sigUri = v.get("MODEL_SIGNATURE_URI");
    String inline = v.get("MODEL_SIGNATURE");
    if (sigUri != null && inline != null) {
      throw new ConfigException(
          "MODEL_SIGNATURE and MODEL_SIGNATURE_URI are exclusive: the signature is either inline"
              + " or at a URI");
    }
    if (inline != null) {
      try {
        Base64.getDecoder().decode(inline.replaceAll("\\s+", ""));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("MODEL_SIGNATURE is not valid base64: " + e.getMessage());
      }
    }
    if (sigUri != null) {
      try {
        ModelUris.validate(sigUri);
      } catch (ConfigException e) {
        throw new ConfigException(
            "MODEL_SIGNATURE_URI: " + e.getMessage().replace("MODEL_URI ", "the URI "));
      }
    }
    if (policy == SignaturePolicy.DISABLED) {
      return new Signing(policy, null, null, keys == null ? null : Path.of(keys));
    }
    if (keys == null) {
      throw new ConfigException(
          "MODEL_SIGNATURE_POLICY="
              + policy.name().toLowerCase(Locale.ROOT).replace("_", "")
              + " needs MODEL_SIGNATURE_KEYS (a PEM public key file or a directory of them)");
    }
    if (inline == null && sigUri == null) {
      if (modelUri.contains("?") || modelUri.contains("#")) {
        throw new ConfigException(
            "MODEL_URI has a query or fragment, so '<MODEL_URI>.sig' is no URI: set"
                + " MODEL_SIGNATURE_URI or MODEL_SIGNATURE");
      }
      sigUri = modelUri + ".sig";
    }
    return new Signing(policy, sigUri, inline, Path.of(keys));
  }

  /**
   * Default per-request budget for decoded input tensors: four times the body limit (a JSON element
   * takes at least two bytes and decodes to at most eight), but never more than a quarter of the
   * heap, so that one request cannot exhaust it.
   */
  static long defaultMaxInputBytes(int maxBodyBytes, long maxHeapBytes) {
    return Math.max(1024, Math.min(4L * maxBodyBytes, maxHeapBytes / 4));
  }

  /** True when dynamic batching is on. */
  public boolean batching() {
    return batchMaxSize > 1;
  }

  private record Reader(Map<String, String> v) {
    String required(String key) {
      String s = v.get(key);
      if (s == null || s.isBlank()) {
        throw new ConfigException(key + " is required");
      }
      return s;
    }

    String string(String key, String def) {
      return v.getOrDefault(key, def);
    }

    int integer(String key, int def, int min, int max) {
      return (int) longValue(key, def, min, max);
    }

    long longValue(String key, long def, long min, long max) {
      String s = v.get(key);
      if (s == null) {
        return def;
      }
      long n;
      try {
        n = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " must be an integer, got '" + s + "'");
      }
      if (n < min || n > max) {
        throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    }

    boolean bool(String key, boolean def) {
      String s = v.get(key);
      if (s == null) {
        return def;
      }
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no" -> false;
        default -> throw new ConfigException(key + " must be true or false, got '" + s + "'");
      };
    }

    Duration duration(String key, String def, Duration min, Duration max) {
      String s = v.getOrDefault(key, def);
      Duration d;
      try {
        d = Durations.parse(s);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + ": " + e.getMessage());
      }
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new ConfigException(
            key
                + " must be between "
                + Durations.format(min)
                + " and "
                + Durations.format(max)
                + ", got "
                + s);
      }
      return d;
    }

    <E extends Enum<E>> E enumValue(String key, E def, Class<E> type) {
      String s = v.get(key);
      if (s == null) {
        return def;
      }
      try {
        return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        StringBuilder allowed = new StringBuilder();
        for (E c : type.getEnumConstants()) {
          allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase());
        }
        throw new ConfigException(key + " must be one of " + allowed + ", got '" + s + "'");
      }
    }
  }
}
