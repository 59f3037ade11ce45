package org.vecino.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SHA-256 against known vectors, so stored hashes keep matching. */
class HashesTest {
  @Test
  void knownVectors() {
    // echo -n abc | sha256sum
    assertThat(Hashes.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Hashes.sha256Hex(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // echo -n +34600111222 | sha256sum: how opt-outs are keyed
    assertThat(Hashes.sha256Hex("+34600111222"))
        .isEqualTo("cb24629d1dbeb6ee24e7c20610896274e8102e67aa6efc2f3a1be2893c38008b");
  }

  @Test
  void textIsHashedAsUtf8() {
    assertThat(Hashes.sha256("mañana"))
        .isEqualTo(Hashes.sha256("mañana".getBytes(StandardCharsets.UTF_8)))
        .hasSize(32);
  }
}
