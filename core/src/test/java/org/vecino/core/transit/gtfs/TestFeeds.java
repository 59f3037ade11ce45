package org.vecino.core.transit.gtfs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small hand-made GTFS feeds for tests: a folder or a zip of named text files. */
final class TestFeeds {
  private TestFeeds() {}

  /**
   * A small feed of Santander (Europe/Madrid). At S1: T1 (line 1), T2 (line 2) and T10 (line 10) at
   * 08:00 daily; EARLY (line 1) at 01:30 daily; NIGHT (line 1) at 24:30 of Fridays' service. At S2:
   * FEST1 at 10:00 of the calendar_dates-only service FEST (2026-07-25). T1 calls at S2 without a
   * time (interpolated to 08:05).
   */
  static Map<String, String> santander() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "agency.txt",
        """
        agency_id,agency_name,agency_url,agency_timezone
        TUS,TUS Santander,https://tus.santander.es,Europe/Madrid
        """);
    f.put(
        "stops.txt",
        """
        stop_id,stop_code,stop_name,stop_lat,stop_lon,location_type,parent_station
        S1,101,Ayuntamiento,43.4623,-3.8099,,
        S2,102,Plaza de Italia,43.4715,-3.7830,0,
        S3,,Sardinero,43.4760,-3.7880,,
        ST,,Estación Central,43.4600,-3.8100,1,
        """);
    f.put(
        "routes.txt",
        """
        route_id,agency_id,route_short_name,route_long_name,route_type
        R1,TUS,1,Valdenoja - Ayuntamiento,3
        R2,TUS,2,,3
        R10,TUS,10,Circular,3
        RX,TUS,,Lanzadera Feria,3
        """);
    f.put(
        "calendar.txt",
        """
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        DAILY,1,1,1,1,1,1,1,20260101,20261231
        FRI,0,0,0,0,1,0,0,20260101,20261231
        """);
    f.put(
        "calendar_dates.txt",
        """
        service_id,date,exception_type
        FEST,20260725,1
        """);
    f.put(
        "trips.txt",
        """
        route_id,service_id,trip_id,trip_headsign
        R1,DAILY,T1,Ayuntamiento
        R2,DAILY,T2,
        R10,DAILY,T10,Sardinero
        R1,DAILY,EARLY,Ayuntamiento
        R1,FRI,NIGHT,Búho
        RX,FEST,FEST1,
        """);
    f.put(
        "stop_times.txt",
        """
        trip_id,arrival_time,departure_time,stop_id,stop_sequence,stop_headsign
        T1,08:00:00,08:00:00,S1,1,
        T1,,,S2,2,
        T1,08:10:00,08:10:00,S3,3,Playa
        T2,08:00:00,08:00:00,S1,1,
        T2,08:20:00,08:20:00,S3,2,
        T10,07:50:00,07:50:00,S2,1,
        T10,08:00:00,08:00:00,S1,2,
        EARLY,1:30:00,1:30:00,S1,1,
        EARLY,1:40:00,1:40:00,S2,2,
        NIGHT,24:30:00,24:30:00,S1,1,
        NIGHT,24:45:00,24:45:00,S3,2,
        FEST1,10:00:00,10:00:00,S2,1,
        FEST1,10:15:00,10:15:00,S3,2,
        """);
    return f;
  }

  /** Writes the files into a folder (created if needed) and returns it. */
  static Path folder(Path dir, Map<String, String> files) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> e : files.entrySet()) {
        Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the files into a zip, each under {@code prefix} (empty for the root). */
  static Path zip(Path zipFile, String prefix, Map<String, String> files) {
    try (OutputStream out = Files.newOutputStream(zipFile);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(prefix + e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return zipFile;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
