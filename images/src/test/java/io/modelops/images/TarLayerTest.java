package io.modelops.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarLayerTest {

  @TempDir Path tmp;

  private static List<TarReader.Read> roundTrip(TarLayer layer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    layer.writeTo(out);
    assertEquals(0, out.size() % 512, "a tar is whole 512-byte blocks");
    return TarReader.read(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void entriesAreSortedWithParentsFixedTimeAndNumericOwners() throws IOException {
    TarLayer layer =
        new TarLayer()
            .text("/z/file.txt", "z")
            .text("a/b/c.txt", "hello")
            .dir("/var/cache/modelops", 0755, 10001, 10001)
            .symlink("lib", "usr/lib");
    List<TarReader.Read> read = roundTrip(layer);
    assertEquals(
        List.of(
            "a/",
            "a/b/",
            "a/b/c.txt",
            "lib",
            "var/",
            "var/cache/",
            "var/cache/modelops/",
            "z/",
            "z/file.txt"),
        read.stream().map(TarReader.Read::name).toList());
    for (TarReader.Read e : read) {
      assertEquals(0, e.mtime(), e.name());
      assertEquals("", e.uname(), "no user names: " + e.name());
    }
    TarReader.Read cache = read.get(6);
    assertEquals('5', cache.type());
    assertEquals(10001, cache.uid());
    assertEquals(10001, cache.gid());
    TarReader.Read file = read.get(2);
    assertEquals('0', file.type());
    assertEquals(0644, file.mode());
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), file.content());
    assertEquals('2', read.get(3).type());
    assertEquals("usr/lib", read.get(3).link());
  }

  @Test
  void sameContentAddedInAnotherOrderGivesTheSameBytes() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("x.bin"), "x");
    Files.writeString(tmp.resolve("src/y.txt"), "y");
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    new TarLayer().tree("/opt/app", tmp.resolve("src")).text("etc/a", "a").writeTo(one);
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    new TarLayer().text("etc/a", "a").tree("opt/app/", tmp.resolve("src")).writeTo(two);
    assertArrayEquals(one.toByteArray(), two.toByteArray());
  }

  @Test
  void longNamesAndLinkTargetsGoThroughPaxRecords() throws IOException {
    String longPath = "deployments/lib/main/" + "a".repeat(150) + ".jar";
    String longTarget = "../" + "b".repeat(120);
    List<TarReader.Read> read =
        roundTrip(new TarLayer().text(longPath, "jar").symlink("x/link", longTarget));
    Map<String, TarReader.Read> byName =
        read.stream()
            .collect(java.util.stream.Collectors.toMap(TarReader.Read::name, r -> r, (a, b) -> a));
    assertTrue(byName.containsKey(longPath), byName.keySet().toString());
    assertEquals(longTarget, byName.get("x/link").link());
  }

  @Test
  void paxRecordLengthCountsItself() {
    String record = TarLayer.paxRecord("path", "p".repeat(95));
    assertEquals(record.length(), Integer.parseInt(record.substring(0, record.indexOf(' '))));
    String edge = TarLayer.paxRecord("path", "p".repeat(88));
    assertEquals(edge.length(), Integer.parseInt(edge.substring(0, edge.indexOf(' '))));
  }

  @Test
  void badInputIsRefusedWithAClearError() {
    IllegalArgumentException dots =
        assertThrows(IllegalArgumentException.class, () -> new TarLayer().text("a/../etc", "x"));
    assertTrue(dots.getMessage().contains("'..'"), dots.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class, () -> new TarLayer().text("a", "1").text("/a", "2"));
    assertTrue(twice.getMessage().contains("two entries for a"), twice.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new TarLayer().file("x", tmp.resolve("none"), 0644));
  }

  @Test
  void imageConfigRefusesRootAndShellLessMistakes() {
    IllegalArgumentException root =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ImageConfig(0, 0, List.of("/bin/java"), "/", List.of(), Map.of(), Map.of()));
    assertTrue(root.getMessage().contains("non-root"), root.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImageConfig(1, 1, List.of("java"), "/", List.of(), Map.of(), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImageConfig(1, 1, List.of("/j"), "/", List.of(70000), Map.of(), Map.of()));
  }
}
