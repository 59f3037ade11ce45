package org.vecino.server.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vecino.core.kernel.Lang;
import org.vecino.server.office.OfficeReminders;

/** A test reminder service that records bookings and cancellations in memory. */
public final class RecordingReminders implements OfficeReminders {
  /** A recorded booking. */
  public record Booked(
      String externalId, String phone, Instant startsAt, String place, String kind, Lang lang) {}

  private final Map<String, Booked> booked = new ConcurrentHashMap<>();
  private final List<String> cancelled = new CopyOnWriteArrayList<>();
  private final List<Upcoming> others = new CopyOnWriteArrayList<>();
  private final Map<String, String> otherPhones = new ConcurrentHashMap<>();

  @Override
  public void book(
      String externalId, String phone, Instant startsAt, String place, String kind, Lang lang) {
    booked.put(externalId, new Booked(externalId, phone, startsAt, place, kind, lang));
  }

  @Override
  public void cancel(String externalId) {
    cancelled.add(externalId);
  }

  @Override
  public List<Upcoming> upcoming(String phone) {
    List<Upcoming> out = new ArrayList<>();
    booked.values().stream()
        .filter(b -> b.phone().equals(phone) && !cancelled.contains(b.externalId()))
        .forEach(
            b ->
                out.add(
                    new Upcoming(
                        b.externalId(), b.kind(), null, b.place(), b.startsAt(), "booked", true)));
    others.stream().filter(u -> phone.equals(otherPhones.get(u.externalId()))).forEach(out::add);
    return out;
  }

  /** Adds an appointment booked elsewhere (a medical one) for {@code phone}. */
  public void addOther(String phone, Upcoming u) {
    others.add(u);
    otherPhones.put(u.externalId(), phone);
  }

  public Map<String, Booked> booked() {
    return Map.copyOf(booked);
  }

  public List<String> cancelled() {
    return List.copyOf(cancelled);
  }
}
