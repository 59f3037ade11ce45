package org.vecino.server.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strict UTF-8: good text read, a byte-order mark dropped, bad bytes refused. */
class StrictUtf8Test {
  @Test
  void readsUtf8AndDropsOneByteOrderMark() throws Exception {
    assertThat(StrictUtf8.decode("Cazoña 💉".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("Cazoña 💉");
    assertThat(StrictUtf8.decode("\uFEFFa".getBytes(StandardCharsets.UTF_8))).isEqualTo("a");
    assertThat(StrictUtf8.decode("\uFEFF\uFEFFa".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\uFEFFa");
    assertThat(StrictUtf8.decode(new byte[0])).isEmpty();
  }

  @Test
  void refusesLatin1AndTruncatedSequences() {
    assertThatThrownBy(() -> StrictUtf8.decode("Cazoña".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(CharacterCodingException.class);
    assertThatThrownBy(() -> StrictUtf8.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x82}))
        .isInstanceOf(CharacterCodingException.class);
    assertThatThrownBy(() -> StrictUtf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
        .as("a lone surrogate")
        .isInstanceOf(CharacterCodingException.class);
  }
}
