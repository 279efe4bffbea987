package io.modelops.runtime.protocol;

/** IEEE 754 half-precision conversion (Java 17 has no Float.floatToFloat16). */
public final class Fp16 {
  private Fp16() {}

  /** Converts a float to half-precision bits, rounding to nearest even. */
  public static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exp == 0xff) {
      // Inf or NaN (keep NaN quiet and non-zero)
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
    }
    int halfExp = exp - 127 + 15;
    if (halfExp >= 0x1f) {
      return (short) (sign | 0x7c00); // overflow -> Inf
    }
    if (halfExp <= 0) {
      if (halfExp < -10) {
        return (short) sign; // too small -> signed zero
      }
      mantissa |= 0x800000; // implicit leading 1
      int shift = 14 - halfExp;
      int half = mantissa >>> shift;
      int rem = mantissa & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rem > halfway || (rem == halfway && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (halfExp << 10) | (mantissa >>> 13);
    int rem = mantissa & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
      half++; // may carry into the exponent, which is the correct rounding
    }
    return (short) (sign | half);
  }

  /** Converts half-precision bits to a float (exact). */
  public static float toFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exp == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      float v = mantissa / 1024f * (float) Math.pow(2, -14);
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mantissa << 13));
  }
}
