package io.modelops.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content of one image layer, written as a reproducible tar: entries sorted by path, every
 * entry with the same fixed modification time, an explicit numeric owner and mode, no user or group
 * names, and every parent folder present. The same content gives the same bytes on any machine.
 */
public final class TarLayer {

  /** Modification time of every entry (seconds since the epoch). */
  public static final long MTIME = 0L;

  private static final int BLOCK = 512;

  /** What an entry is. */
  public enum Kind {
    DIR,
    FILE,
    SYMLINK
  }

  /**
   * One entry; {@code source} (a file on this machine) or {@code bytes} holds a file's content,
   * {@code target} a link's target.
   */
  public record Entry(
      String path,
      Kind kind,
      int mode,
      int uid,
      int gid,
      Path source,
      byte[] bytes,
      String target) {

    long size() throws IOException {
      if (kind != Kind.FILE) {
        return 0;
      }
      return bytes != null ? bytes.length : Files.size(source);
    }
  }

  private final TreeMap<String, Entry> entries = new TreeMap<>();

  /** A folder with {@code mode} owned by {@code uid:gid}. */
  public TarLayer dir(String path, int mode, int uid, int gid) {
    return put(new Entry(normalize(path), Kind.DIR, mode, uid, gid, null, null, null));
  }

  /** A file copied from {@code source}, owned by root. */
  public TarLayer file(String path, Path source, int mode) {
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException("not a regular file: " + source);
    }
    return put(new Entry(normalize(path), Kind.FILE, mode, 0, 0, source, null, null));
  }

  /** A file with {@code content}, owned by root. */
  public TarLayer bytes(String path, byte[] content, int mode) {
    return put(new Entry(normalize(path), Kind.FILE, mode, 0, 0, null, content.clone(), null));
  }

  /** A file with UTF-8 {@code text}, owned by root, mode 0644. */
  public TarLayer text(String path, String text) {
    return bytes(path, text.getBytes(StandardCharsets.UTF_8), 0644);
  }

  /** A symbolic link at {@code path} pointing at {@code target}. */
  public TarLayer symlink(String path, String target) {
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException("empty symlink target for " + path);
    }
    return put(new Entry(normalize(path), Kind.SYMLINK, 0777, 0, 0, null, null, target));
  }

  /**
   * Everything under {@code source} at {@code dest}, owned by root: folders 0755, files 0755 when
   * executable here and 0644 otherwise, symbolic links kept as links.
   */
  public TarLayer tree(String dest, Path source) throws IOException {
    if (!Files.isDirectory(source)) {
      throw new IllegalArgumentException("not a folder: " + source);
    }
    String base = normalize(dest);
    dir(base, 0755, 0, 0);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.filter(p -> !p.equals(source)).toList();
    }
    for (Path p : paths) {
      String rel = source.relativize(p).toString().replace('\\', '/');
      String path = base + "/" + rel;
      if (Files.isSymbolicLink(p)) {
        symlink(path, Files.readSymbolicLink(p).toString());
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        dir(path, 0755, 0, 0);
      } else {
        file(path, p, Files.isExecutable(p) ? 0755 : 0644);
      }
    }
    return this;
  }

  /** The entries, sorted by path, parent folders included. */
  public List<Entry> entries() {
    return List.copyOf(withParents().values());
  }

  /** True when nothing was added. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Writes the tar (sorted entries, two zero blocks at the end) to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (Entry e : withParents().values()) {
      String name = e.kind() == Kind.DIR ? e.path() + "/" : e.path();
      long size = e.size();
      writeHeaders(out, name, e, size);
      if (e.kind() == Kind.FILE) {
        if (e.bytes() != null) {
          out.write(e.bytes());
        } else {
          long copied = 0;
          try (InputStream in = Files.newInputStream(e.source())) {
            int n;
            while ((n = in.read(buffer)) > 0) {
              out.write(buffer, 0, n);
              copied += n;
            }
          }
          if (copied != size) {
            throw new IOException("file changed while being written: " + e.source());
          }
        }
        pad(out, size);
      }
    }
    out.write(new byte[BLOCK * 2]);
  }

  private TarLayer put(Entry entry) {
    if (entry.path().isEmpty()) {
      throw new IllegalArgumentException("the root folder cannot be an entry");
    }
    Entry old = entries.get(entry.path());
    if (old != null && !(old.kind() == Kind.DIR && entry.kind() == Kind.DIR)) {
      throw new IllegalArgumentException("two entries for " + entry.path());
    }
    entries.put(entry.path(), entry);
    return this;
  }

  private Map<String, Entry> withParents() {
    TreeMap<String, Entry> all = new TreeMap<>(entries);
    for (String path : entries.keySet()) {
      int slash = path.lastIndexOf('/');
      while (slash > 0) {
        String parent = path.substring(0, slash);
        all.putIfAbsent(parent, new Entry(parent, Kind.DIR, 0755, 0, 0, null, null, null));
        slash = parent.lastIndexOf('/');
      }
    }
    return all;
  }

  /** {@code /a//b/} and {@code a/b} are both {@code a/b}; {@code ..} is refused. */
  static String normalize(String path) {
    Objects.requireNonNull(path, "path");
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new IllegalArgumentException("'..' in an image path: " + path);
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  private static void writeHeaders(OutputStream out, String name, Entry e, long size)
      throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes =
        e.target() == null ? new byte[0] : e.target().getBytes(StandardCharsets.UTF_8);
    StringBuilder pax = new StringBuilder();
    if (nameBytes.length > 100) {
      pax.append(paxRecord("path", name));
    }
    if (linkBytes.length > 100) {
      pax.append(paxRecord("linkpath", e.target()));
    }
    if (pax.length() > 0) {
      byte[] data = pax.toString().getBytes(StandardCharsets.UTF_8);
      out.write(header(shortName("PaxHeaders/" + name), 0644, 0, 0, data.length, 'x', ""));
      out.write(data);
      pad(out, data.length);
    }
    char type =
        switch (e.kind()) {
          case DIR -> '5';
          case FILE -> '0';
          case SYMLINK -> '2';
        };
    out.write(
        header(
            shortName(name),
            e.mode(),
            e.uid(),
            e.gid(),
            size,
            type,
            e.target() == null ? "" : shortName(e.target())));
  }

  /** A PAX record: its decimal length (counting itself), a space, key=value and a newline. */
  static String paxRecord(String key, String value) {
    int body = 1 + key.length() + 1 + value.getBytes(StandardCharsets.UTF_8).length + 1;
    int len = body + String.valueOf(body).length();
    if (String.valueOf(len).length() != String.valueOf(body).length()) {
      len++;
    }
    return len + " " + key + "=" + value + "\n";
  }

  /** The last 100 bytes' worth of a long name (the PAX record holds the whole name). */
  private static String shortName(String name) {
    String s = name;
    while (s.getBytes(StandardCharsets.UTF_8).length > 100) {
      s = s.substring(1);
    }
    return s;
  }

  private static byte[] header(
      String name, int mode, int uid, int gid, long size, char type, String link) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, uid);
    octal(h, 116, 8, gid);
    octal(h, 124, 12, size);
    octal(h, 136, 12, MTIME);
    h[156] = (byte) type;
    put(h, 157, 100, link.getBytes(StandardCharsets.UTF_8));
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    byte[] chk = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, h, 148, 6);
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int off, int len, byte[] value) {
    if (value.length > len) {
      throw new IllegalArgumentException("tar field too long: " + value.length + " > " + len);
    }
    System.arraycopy(value, 0, h, off, value.length);
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    if (s.length() > len - 1) {
      throw new IllegalArgumentException("value too large for a tar header: " + value);
    }
    String padded = "0".repeat(len - 1 - s.length()) + s;
    put(h, off, len - 1, padded.getBytes(StandardCharsets.US_ASCII));
    h[off + len - 1] = 0;
  }

  private static void pad(OutputStream out, long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }
}
