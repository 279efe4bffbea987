package io.modelops.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a ustar/PAX tar stream back into entries (headers checked). */
final class TarReader {

  /** One entry as read: name, type flag, mode, owner, size, mtime, link target, content. */
  record Read(
      String name,
      char type,
      int mode,
      int uid,
      int gid,
      long size,
      long mtime,
      String link,
      String uname,
      byte[] content) {}

  private TarReader() {}

  static List<Read> read(InputStream in) throws IOException {
    List<Read> entries = new ArrayList<>();
    String paxPath = null;
    String paxLink = null;
    while (true) {
      byte[] h = in.readNBytes(512);
      if (h.length < 512) {
        throw new IOException("truncated tar: a header of " + h.length + " bytes");
      }
      if (allZero(h)) {
        byte[] second = in.readNBytes(512);
        if (second.length != 512 || !allZero(second)) {
          throw new IOException("end of archive is not two zero blocks");
        }
        return entries;
      }
      long sum = 0;
      for (int i = 0; i < 512; i++) {
        sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
      }
      if (sum != octal(h, 148, 8)) {
        throw new IOException("bad header checksum at entry " + entries.size());
      }
      if (!"ustar".equals(string(h, 257, 6))) {
        throw new IOException("not a ustar header");
      }
      char type = (char) h[156];
      long size = octal(h, 124, 12);
      byte[] content = in.readNBytes((int) size);
      long rest = size % 512;
      if (rest != 0) {
        in.readNBytes((int) (512 - rest));
      }
      if (type == 'x') {
        for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
          String kv = record.substring(record.indexOf(' ') + 1);
          if (kv.startsWith("path=")) {
            paxPath = kv.substring(5);
          } else if (kv.startsWith("linkpath=")) {
            paxLink = kv.substring(9);
          }
        }
        continue;
      }
      String name = paxPath != null ? paxPath : string(h, 0, 100);
      String link = paxLink != null ? paxLink : string(h, 157, 100);
      paxPath = null;
      paxLink = null;
      entries.add(
          new Read(
              name,
              type,
              (int) octal(h, 100, 8),
              (int) octal(h, 108, 8),
              (int) octal(h, 116, 8),
              size,
              octal(h, 136, 12),
              link,
              string(h, 265, 32),
              content));
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int off, int len) {
    String s = string(h, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  static byte[] bytes(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
