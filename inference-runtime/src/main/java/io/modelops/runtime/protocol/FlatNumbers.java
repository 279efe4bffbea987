package io.modelops.runtime.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads flat arrays of plain JSON numbers straight from the request bytes, in one pass that checks
 * the syntax and converts each number to the correctly rounded double of its decimal text (what
 * Jackson's {@code getDoubleValue} returns, so both ways give the same bits). Through Jackson each
 * element costs several times as much: the parser copies the number's text into a buffer, then
 * converts it (docs/benchmarks.md, "JSON and binary paths").
 *
 * <p>Strict: JSON number grammar only, at most {@value #MAX_NUMBER_CHARS} characters per number,
 * JSON whitespace between. Anything else (nested arrays, strings, {@code NaN} literals) makes
 * {@link #array} answer -1 and the caller leaves the array to Jackson.
 */
final class FlatNumbers {
  /** Longer numbers go to Jackson, which applies its own length limit. */
  static final int MAX_NUMBER_CHARS = 100;

  /** Powers of ten that are exact doubles. */
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Integers below 2^53 are exact doubles. */
  private static final long EXACT = 1L << 53;

  private final byte[] b;
  private final int end;
  private final int maxValues;

  /**
   * One 8-byte slot per number read, in order: the exact long while every number of its array so
   * far is an integer literal that fits a long, else the bits of its double.
   */
  private long[] slots;

  private int size;
  private int arrayFirst;
  private boolean allIntegers;
  private boolean full;

  /**
   * A reader over {@code b[0..end)} that holds at most {@code maxValues} numbers (8 bytes each), so
   * that a body of many tiny numbers cannot make it allocate more than the caller allows.
   */
  FlatNumbers(byte[] b, int end, int maxValues) {
    this.b = b;
    this.end = end;
    this.maxValues = maxValues;
  }

  /** Whether a number was refused because {@code maxValues} were held already. */
  boolean full() {
    return full;
  }

  /**
   * Every number read so far, in order: longs for an array where {@link #allIntegers} held, else
   * {@link Double#doubleToRawLongBits} of the values.
   */
  long[] slots() {
    return slots;
  }

  /** How many values have been read. */
  int size() {
    return size;
  }

  /**
   * Whether every number of the last {@link #array} was an integer literal that fits a long (so its
   * slots hold longs).
   */
  boolean allIntegers() {
    return allIntegers;
  }

  /**
   * Reads the array whose {@code [} is at {@code start}, appending its numbers to {@link #slots()}.
   *
   * @return the index just after its {@code ]}, or -1 (values appended so far are dropped) when it
   *     is not a flat array of plain numbers
   */
  int array(int start) {
    int first = size;
    arrayFirst = first;
    allIntegers = true;
    int i = skipSpace(b, start + 1, end);
    if (i < end && b[i] == ']') {
      return i + 1;
    }
    while (true) {
      i = number(i);
      if (i < 0) {
        size = first;
        return -1;
      }
      i = skipSpace(b, i, end);
      if (i < end && b[i] == ']') {
        return i + 1;
      }
      if (i >= end || b[i] != ',') {
        size = first;
        return -1;
      }
      i = skipSpace(b, i + 1, end);
    }
  }

  /** Reads one number at {@code i} into {@link #slots()}; returns the index after it, or -1. */
  private int number(int i) {
    int start = i;
    boolean negative = i < end && b[i] == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    long mantissa = 0;
    while (i < end && isDigit(b[i])) {
      mantissa = mantissa * 10 + (b[i] - '0');
      i++;
    }
    int digitCount = i - intStart;
    // a 19-digit integer may still fit a long: read it again with overflow checks
    long exactInteger = digitCount == 19 ? longOf(intStart, i, negative) : 0;
    if (digitCount == 0 || (digitCount > 1 && b[intStart] == '0')) {
      return -1; // no integer part, or a leading zero
    }
    boolean integral = true;
    int exponent = 0;
    if (i < end && b[i] == '.') {
      integral = false;
      int fractionStart = ++i;
      while (i < end && isDigit(b[i])) {
        mantissa = mantissa * 10 + (b[i] - '0');
        i++;
      }
      if (i == fractionStart) {
        return -1;
      }
      digitCount += i - fractionStart;
      exponent = fractionStart - i;
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      integral = false;
      i++;
      boolean negativeExponent = i < end && b[i] == '-';
      if (i < end && (b[i] == '-' || b[i] == '+')) {
        i++;
      }
      int expStart = i;
      int e = 0;
      while (i < end && isDigit(b[i]) && i - start <= MAX_NUMBER_CHARS) {
        e = e * 10 + (b[i] - '0');
        i++;
      }
      if (i == expStart) {
        return -1;
      }
      exponent += negativeExponent ? -e : e;
    }
    if (i - start > MAX_NUMBER_CHARS) {
      return -1;
    }
    double v;
    long asLong = 0;
    boolean fitsLong = integral && (digitCount <= 18 || exactInteger != 0);
    if (fitsLong) {
      asLong = digitCount <= 18 ? (negative ? -mantissa : mantissa) : exactInteger;
      // Jackson converts an integer token's long to double (rounded to nearest, like this cast);
      // so "-0" is the integer 0, whose double is +0.0
      v = asLong;
    } else if (digitCount <= 18 && mantissa < EXACT && exponent >= -22 && exponent <= 22) {
      // both operands are exact doubles, so one IEEE operation rounds correctly (Clinger); "-0.0"
      // stays -0.0
      v = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
      v = negative ? -v : v;
    } else {
      v = Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
    }
    if (size == maxValues) {
      full = true;
      return -1;
    }
    if (slots == null || size == slots.length) {
      slots =
          slots == null
              ? new long[Math.min(maxValues, 1024)]
              : Arrays.copyOf(slots, (int) Math.min(maxValues, size * 2L));
    }
    if (allIntegers && !fitsLong) {
      // the array turns out not to be all integers: its earlier numbers become doubles, as
      // Jackson converts an integer token (long to double, rounded to nearest)
      for (int k = arrayFirst; k < size; k++) {
        slots[k] = Double.doubleToRawLongBits(slots[k]);
      }
      allIntegers = false;
    }
    slots[size++] = allIntegers ? asLong : Double.doubleToRawLongBits(v);
    return i;
  }

  /**
   * The 19-digit integer {@code b[from..to)} (sign before {@code from}) as a long, or 0 when it
   * does not fit one (19 digits are never 0).
   */
  private long longOf(int from, int to, boolean negative) {
    long v = 0; // accumulated negative, so that Long.MIN_VALUE fits
    for (int k = from; k < to; k++) {
      int digit = b[k] - '0';
      if (v < (Long.MIN_VALUE + digit) / 10) {
        return 0;
      }
      v = v * 10 - digit;
    }
    if (!negative && v == Long.MIN_VALUE) {
      return 0;
    }
    return negative ? v : -v;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  static int skipSpace(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }
}
