package io.modelops.localcluster.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostLaunchTest {

  private static final HostPaths PATHS =
      new HostPaths(
          List.of(
              new HostPaths.Mapping("/opt/app", Path.of("/build/app")),
              new HostPaths.Mapping("/opt/app/lib", Path.of("/build/lib")),
              new HostPaths.Mapping("/tmp/", Path.of("/pods/p/tmp"))));

  @Test
  void rewritesMappedPathsAtWordStartsOnly() {
    assertEquals("/build/app/run.jar", PATHS.rewrite("/opt/app/run.jar"));
    assertEquals("/build/lib/x.jar", PATHS.rewrite("/opt/app/lib/x.jar"));
    assertEquals("file:///build/app/m.onnx", PATHS.rewrite("file:///opt/app/m.onnx"));
    assertEquals(
        "exec java -Djava.io.tmpdir=/pods/p/tmp -cp /build/app:/build/lib/a.jar Main",
        PATHS.rewrite("exec java -Djava.io.tmpdir=/tmp -cp /opt/app:/opt/app/lib/a.jar Main"));
    // Not a word start, or a longer name: left alone.
    assertEquals("/x/opt/app /opt/apple /tmpfs", PATHS.rewrite("/x/opt/app /opt/apple /tmpfs"));
    assertEquals(Path.of("/build/lib/a"), PATHS.resolve("/opt/app/lib/a").orElseThrow());
    assertTrue(PATHS.resolve("/etc").isEmpty());
    assertThrows(
        IllegalArgumentException.class,
        () -> new HostPaths(List.of(new HostPaths.Mapping("/", Path.of("/x")))));
  }

  @Test
  void planSwitchesUserOnlyAsRootAndKeepsNoNewPrivilegesWithout() {
    var env = new LinkedHashMap<String, String>(Map.of("CP", "/opt/app/lib"));
    var asRoot =
        HostLaunch.plan(
            PATHS,
            List.of("java", "-jar", "/opt/app/run.jar"),
            env,
            "/opt/app",
            Path.of("/pods/p/cwd"),
            new HostLaunch.User(true, 10001, 10001, List.of(2000L), true));
    assertEquals(
        List.of(
            "/usr/bin/setpriv",
            "--reuid=10001",
            "--regid=10001",
            "--groups=2000",
            "--no-new-privs",
            "--",
            "java",
            "-jar",
            "/build/app/run.jar"),
        asRoot.command());
    assertEquals("/build/lib", asRoot.env().get("CP"));
    assertEquals(Path.of("/build/app"), asRoot.workingDir());
    var notRoot =
        HostLaunch.plan(
            PATHS,
            List.of("java"),
            env,
            "/",
            Path.of("/pods/p/cwd"),
            new HostLaunch.User(false, 10001, 10001, List.of(), true));
    assertEquals(List.of("/usr/bin/setpriv", "--no-new-privs", "--", "java"), notRoot.command());
    assertEquals(Path.of("/pods/p/cwd"), notRoot.workingDir());
  }

  @Test
  void portSettingMovesToTheHostPortOrFailsWhenUndeclared() throws Exception {
    var ports = PodPorts.of(Map.of(8080, 41234));
    Map<String, String> env = new HashMap<>(Map.of("RUNTIME_PORT", "8080"));
    HostLaunch.movePort("RUNTIME_PORT", env, ports);
    assertEquals("41234", env.get("RUNTIME_PORT"));
    Map<String, String> any = new HashMap<>(Map.of("RUNTIME_PORT", "0"));
    HostLaunch.movePort("RUNTIME_PORT", any, ports);
    assertEquals("0", any.get("RUNTIME_PORT"));
    var undeclared =
        assertThrows(
            ContainerConfigException.class,
            () ->
                HostLaunch.movePort(
                    "RUNTIME_PORT", new HashMap<>(Map.of("RUNTIME_PORT", "9000")), ports));
    assertTrue(undeclared.getMessage().contains("RUNTIME_PORT=9000 is not a containerPort"));
  }

  @Test
  void unhonouredFeaturesAreNamed() {
    Container container =
        new ContainerBuilder()
            .withName("c")
            .withNewSecurityContext()
            .withReadOnlyRootFilesystem(true)
            .withRunAsUser(10001L)
            .endSecurityContext()
            .addNewPort()
            .withContainerPort(8080)
            .endPort()
            .build();
    Pod pod =
        new PodBuilder()
            .withNewSpec()
            .withContainers(container)
            .withNewSecurityContext()
            .withFsGroup(2000L)
            .endSecurityContext()
            .endSpec()
            .build();
    assertEquals(
        List.of(
            "readOnlyRootFilesystem (no private root file system in shared-address mode)",
            "runAsUser, fsGroup (the kubelet is not root: the process runs as uid 1000)"),
        UnhonouredFeatures.of(pod, container, false, 1000, "PORT"));
    var asRoot = UnhonouredFeatures.of(pod, container, true, 0, null);
    assertEquals(2, asRoot.size(), asRoot.toString());
    assertTrue(asRoot.get(1).startsWith("containerPort (the image has no port setting"));
  }
}
