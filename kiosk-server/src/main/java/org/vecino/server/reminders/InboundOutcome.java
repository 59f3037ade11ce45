package org.vecino.server.reminders;

import org.vecino.core.reminders.text.ReplyCommand;

/** What became of a citizen's SMS reply. Immutable. */
public sealed interface InboundOutcome {
  /** Acted on; {@code answered} is false when the phone had its 5 answers this hour. */
  record Handled(ReplyCommand command, String externalId, boolean answered)
      implements InboundOutcome {}

  /** The messageId was handled before; nothing done again. */
  record Duplicate() implements InboundOutcome {}
}
