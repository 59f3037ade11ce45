package org.vecino.server.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding for files and payloads we must not misread: malformed or unmappable bytes
 * are an error, never replaced. Stateless and thread-safe.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * Decodes {@code bytes}, dropping one leading byte-order mark.
   *
   * @throws CharacterCodingException when the bytes are not valid UTF-8
   */
  public static String decode(byte[] bytes) throws CharacterCodingException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
