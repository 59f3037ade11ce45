package org.vecino.server.mqtt;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Mends what a crash leaves in the embedded broker's H2 store before Moquette opens it.
 *
 * <p>Moquette 0.17 stores a connected client's session without an expiry instant and gives it one
 * only when the client disconnects or the broker stops cleanly. After a kill -9 or an OOM kill the
 * stored sessions have none, and the next start throws ("Can't track for expiration a session
 * without expiry instant"). This class gives each such session the expiry a clean stop would have
 * given it ({@code now + its expiry interval}), which is exactly Moquette's own {@code
 * updateNotCleanSessionsWithProperExpire}. It reads and writes the sessions map in Moquette's own
 * record layout (version byte 1: client id, expiry millis or -1, protocol level, expiry interval);
 * any other layout is left alone (the broker then fails to start and the caller sets the store
 * aside).
 *
 * <p>Stateless; not safe to run while the broker has the store open.
 */
final class BrokerStoreRepair {
  static final String SESSIONS_MAP = "sessions_store";
  private static final byte LAYOUT_V1 = 1;
  private static final long NO_EXPIRY = -1;

  private BrokerStoreRepair() {}

  /** One stored session, as Moquette 0.17 writes it. */
  record StoredSession(String clientId, long expiresAtMillis, byte protocolLevel, int interval) {}

  /**
   * Gives every stored session without an expiry the one a clean stop would have given it.
   *
   * @param store the {@code moquette_store.h2} file; nothing happens when it is missing or empty
   * @return how many sessions were mended
   */
  static int repair(Path store, Instant now) {
    if (!Files.isRegularFile(store) || store.toFile().length() == 0) {
      return 0;
    }
    MVStore mv = new MVStore.Builder().fileName(store.toString()).autoCommitDisabled().open();
    try {
      if (!mv.hasMap(SESSIONS_MAP)) {
        return 0;
      }
      MVMap<Object, StoredSession> sessions =
          mv.openMap(SESSIONS_MAP, new MVMap.Builder<Object, StoredSession>().valueType(CODEC));
      List<Map.Entry<Object, StoredSession>> open = new ArrayList<>();
      for (Map.Entry<Object, StoredSession> e : sessions.entrySet()) {
        if (e.getValue().expiresAtMillis() == NO_EXPIRY) {
          open.add(e);
        }
      }
      for (Map.Entry<Object, StoredSession> e : open) {
        StoredSession s = e.getValue();
        long expiry = now.plusSeconds(Integer.toUnsignedLong(s.interval())).toEpochMilli();
        sessions.put(
            e.getKey(), new StoredSession(s.clientId(), expiry, s.protocolLevel(), s.interval()));
      }
      if (!open.isEmpty()) {
        mv.commit();
      }
      return open.size();
    } finally {
      mv.close();
    }
  }

  /** Moquette 0.17's {@code SessionDataValueType} layout. */
  static final BasicDataType<StoredSession> CODEC =
      new BasicDataType<>() {
        @Override
        public int getMemory(StoredSession obj) {
          return StringDataType.INSTANCE.getMemory(obj.clientId()) + 8 + 1 + 4;
        }

        @Override
        public void write(WriteBuffer buff, StoredSession obj) {
          buff.put(LAYOUT_V1);
          StringDataType.INSTANCE.write(buff, obj.clientId());
          buff.putLong(obj.expiresAtMillis());
          buff.put(obj.protocolLevel());
          buff.putInt(obj.interval());
        }

        @Override
        public StoredSession read(ByteBuffer buff) {
          byte layout = buff.get();
          if (layout != LAYOUT_V1) {
            throw new IllegalStateException("unknown session record layout " + layout);
          }
          String clientId = StringDataType.INSTANCE.read(buff);
          long expiresAt = buff.getLong();
          byte level = buff.get();
          int interval = buff.getInt();
          return new StoredSession(clientId, expiresAt, level, interval);
        }

        @Override
        public StoredSession[] createStorage(int size) {
          return new StoredSession[size];
        }
      };
}
