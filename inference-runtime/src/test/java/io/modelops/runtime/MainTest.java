package io.modelops.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void nettyLeakDetectionIsOffUnlessALevelIsSet() {
    assertTrue(Main.leakDetectionOff(new Properties()));
    for (String key :
        new String[] {"io.netty.leakDetection.level", "io.netty.leakDetectionLevel"}) {
      Properties asked = new Properties();
      asked.setProperty(key, "paranoid");
      assertFalse(Main.leakDetectionOff(asked), key);
    }
  }
}
