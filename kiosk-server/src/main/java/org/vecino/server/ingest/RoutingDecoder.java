package org.vecino.server.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes a message to the decoder of its domain, the topic segment after the prefix ({@code
 * {p}/transit/...} to the transit decoder, {@code {p}/parking/...} to the parking one; the {@link
 * IngestPipeline} builds it from its {@link DomainIngest}s). Topics outside the prefix or of an
 * unregistered domain are rejected {@code unknownTopic}. The size limit is checked before routing,
 * so an oversized message is {@code tooLarge} whatever its topic. Immutable and thread-safe.
 */
public final class RoutingDecoder implements MessageDecoder {
  private final String prefix;
  private final Map<String, MessageDecoder> byDomain;

  /**
   * @param prefix the topic prefix, e.g. {@code city}
   * @param byDomain the decoder of each domain segment, e.g. {@code "transit"}
   */
  public RoutingDecoder(String prefix, Map<String, MessageDecoder> byDomain) {
    this.prefix = Topics.checkPrefix(prefix);
    this.byDomain = Map.copyOf(byDomain);
  }

  /** The MQTT subscription that receives every message under the prefix, known or not. */
  public List<String> topicFilters() {
    return List.of(prefix + "/#");
  }

  @Override
  public Decoded decode(String topic, byte[] payload, Instant receivedAt) {
    Optional<Decoded> early = Topics.precheck(topic, payload, receivedAt);
    if (early.isPresent()) {
      return early.get();
    }
    MessageDecoder decoder = route(topic);
    if (decoder == null) {
      return Topics.unknownTopic();
    }
    return decoder.decode(topic, payload, receivedAt);
  }

  @Override
  public String topicKind(String topic) {
    MessageDecoder decoder = route(topic);
    return decoder == null ? UNKNOWN_KIND : decoder.topicKind(topic);
  }

  private MessageDecoder route(String topic) {
    List<String> segments = Topics.segmentsAfterPrefix(prefix, topic);
    return segments == null || segments.isEmpty() ? null : byDomain.get(segments.get(0));
  }
}
