package org.vecino.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real SMS gateway for tests (JDK HttpServer on a random port of 127.0.0.1) that records every
 * call and answers as told: 200 with a {@code messageId} (deduplicating by our {@code id}, as the
 * real one does), any status with an optional {@code Retry-After}, or no answer at all (hang).
 * {@link #stop()} closes the port, so calls are refused. Thread-safe.
 */
public final class FakeSmsGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: ~40 ms per call, which would measure the test gateway, not Vecino.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** One call as received. */
  public record Call(
      String id, String to, String text, String encoding, int segments, String auth) {}

  private record Answer(int status, String retryAfter, boolean hang) {}

  private final List<Call> calls = new ArrayList<>();
  private final Map<String, String> accepted = new LinkedHashMap<>();
  private final List<Answer> queued = new ArrayList<>();
  private Answer standing = new Answer(200, null, false);
  private CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HttpServer server;
  private int port;

  private FakeSmsGateway() {}

  public static FakeSmsGateway start() throws IOException {
    return startOn(0);
  }

  /** Starts on {@code port} (0 for any free one). */
  public static FakeSmsGateway startOn(int port) throws IOException {
    FakeSmsGateway g = new FakeSmsGateway();
    g.listen(port);
    return g;
  }

  private synchronized void listen(int onPort) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
    server.createContext("/sms", this::handle);
    server.setExecutor(executor);
    server.start();
    port = server.getAddress().getPort();
  }

  public synchronized URI url() {
    return URI.create("http://127.0.0.1:" + port + "/sms");
  }

  public synchronized int port() {
    return port;
  }

  /** From now on answer every call with {@code status} (200 accepts). */
  public synchronized FakeSmsGateway answer(int status) {
    return answer(status, null);
  }

  public synchronized FakeSmsGateway answer(int status, String retryAfter) {
    standing = new Answer(status, retryAfter, false);
    return this;
  }

  /** The next call only is answered with {@code status}; then the standing answer again. */
  public synchronized FakeSmsGateway once(int status, String retryAfter) {
    queued.add(new Answer(status, retryAfter, false));
    return this;
  }

  /** From now on calls get no answer (until {@link #releaseHanging}). */
  public synchronized FakeSmsGateway hang() {
    standing = new Answer(0, null, true);
    return this;
  }

  /** Lets hanging calls end (with a 503). */
  public synchronized void releaseHanging() {
    release.countDown();
    release = new CountDownLatch(1);
  }

  /** Closes the port: calls are refused. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    releaseHanging();
  }

  /** Opens the same port again. */
  public synchronized void restart() throws IOException {
    if (server == null) {
      listen(port);
    }
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized int callCount() {
    return calls.size();
  }

  /** Our ids accepted, each with the gateway's messageId (one per id). */
  public synchronized Map<String, String> accepted() {
    return Map.copyOf(accepted);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
      Call call =
          new Call(
              body.path("id").asText(null),
              body.path("to").asText(null),
              body.path("text").asText(null),
              body.path("encoding").asText(null),
              body.path("segments").asInt(-1),
              ex.getRequestHeaders().getFirst("Authorization"));
      Answer answer;
      CountDownLatch latch;
      synchronized (this) {
        calls.add(call);
        answer = queued.isEmpty() ? standing : queued.remove(0);
        latch = release;
      }
      if (answer.hang()) {
        try {
          latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        reply(ex, 503, null, "{}");
        return;
      }
      if (answer.status() / 100 == 2) {
        String messageId;
        synchronized (this) {
          messageId = accepted.computeIfAbsent(call.id(), id -> "gw-" + (accepted.size() + 1));
        }
        reply(ex, answer.status(), null, "{\"messageId\":\"" + messageId + "\"}");
      } else {
        reply(ex, answer.status(), answer.retryAfter(), "{\"error\":\"x\"}");
      }
    } catch (IOException e) {
      // the caller went away (killed, timed out)
    }
  }

  private static void reply(HttpExchange ex, int status, String retryAfter, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    stop();
    executor.shutdownNow();
  }
}
