package org.vecino.core.office;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.vecino.core.kernel.LocalizedText;

/**
 * A municipal procedure a citizen can ask about or book. Immutable.
 *
 * @param id stable identifier ({@code padron-certificate})
 * @param name short name
 * @param summary what it is
 * @param who who may ask for it
 * @param documents what to bring
 * @param fee what it costs (text, e.g. "Gratuito")
 * @param channel where it is done
 * @param slotMinutes length of an appointment, 5..240
 * @param capacityByOffice staff attending it at once, by office id (only for {@link
 *     Channel#APPOINTMENT}; an office not listed does not attend it)
 */
public record Procedure(
    String id,
    LocalizedText name,
    LocalizedText summary,
    LocalizedText who,
    List<LocalizedText> documents,
    LocalizedText fee,
    Channel channel,
    int slotMinutes,
    Map<String, Integer> capacityByOffice) {
  public Procedure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(who, "who");
    documents = List.copyOf(documents);
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(channel, "channel");
    if (slotMinutes < 5 || slotMinutes > 240) {
      throw new IllegalArgumentException("slotMinutes must be 5..240, was " + slotMinutes);
    }
    capacityByOffice = Map.copyOf(capacityByOffice);
    capacityByOffice.forEach(
        (office, n) -> {
          if (n < 1 || n > 50) {
            throw new IllegalArgumentException("capacity at " + office + " must be 1..50");
          }
        });
  }

  /** The staff capacity per slot at {@code officeId}, empty when not bookable there. */
  public OptionalInt capacityAt(String officeId) {
    Integer n = channel == Channel.APPOINTMENT ? capacityByOffice.get(officeId) : null;
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}
