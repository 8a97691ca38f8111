package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.WireOperations;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A request's method, content type, gzip encoding, UTF-8 and JSON: each it cannot read refused precisely. */
class IngestRequestFormEndpointTest extends SharedIngestServer {

  @Test
  void acceptsGzipOfSeveralMembersAndXGzip() throws Exception {
    expectStored = true;
    byte[] json = Bodies.telemetries(3).getBytes(StandardCharsets.UTF_8);
    byte[] first = Bodies.gzip(Arrays.copyOf(json, 40));
    byte[] second = Bodies.gzip(Arrays.copyOfRange(json, 40, json.length));
    byte[] members = Arrays.copyOf(first, first.length + second.length); // as cat a.gz b.gz makes
    System.arraycopy(second, 0, members, first.length, second.length);

    assertThat(server().postTelemetry(members, "gzip").body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server().postTelemetry(Bodies.gzip(json), "x-gzip").body()) // RFC 9110: x-gzip is gzip
        .isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server().storedCount()).isEqualTo(storedBefore + 6);
  }

  @Test
  void refusesBytesAfterTheLastGzipMember() throws Exception {
    byte[] whole = Bodies.gzip(Bodies.telemetries(3).getBytes(StandardCharsets.UTF_8));
    for (String after : new String[] {"x", "garbage after the gzip data, more than a header's worth",
        "\u0000\u0000\u0000\u0000"}) {
      assertError(server().postTelemetry(followedBy(whole, after), "gzip"), 400, "INVALID_GZIP",
          "the request body is not valid gzip: it goes on after its last gzip member with bytes that are no gzip member");
    }
    // The start of a member's header, and no more: a member that ends early.
    assertError(server().postTelemetry(followedBy(whole, "\u001f\u008b\u0008"), "gzip"), 400, "INVALID_GZIP",
        "the request body is not valid gzip: it ends before its compressed data does");
  }

  private static byte[] followedBy(byte[] gzip, String after) {
    byte[] tail = after.getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = Arrays.copyOf(gzip, gzip.length + tail.length);
    System.arraycopy(tail, 0, body, gzip.length, tail.length);
    return body;
  }

  @Test
  void acceptsGzipEncodedBody() throws Exception {
    expectStored = true;
    byte[] body = Bodies.gzip(Bodies.telemetries(3).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = server().postTelemetry(body, "gzip");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server().storedCount()).isEqualTo(storedBefore + 3);
  }

  @Test
  void stopsAGzipBombWhileInflating() throws Exception {
    byte[] bomb = Bodies.gzipOfSpaces(1024); // 1 GiB inflated
    assertThat(bomb.length).isLessThan(4 * 1024 * 1024);
    HttpResponse<String> response = server().postTelemetry(bomb, "gzip");
    assertError(response, 413, "BODY_TOO_LARGE", "maxBodyBytes");
  }

  @Test
  void refusesContentEncodingOtherThanGzip() throws Exception {
    HttpResponse<String> response =
        server().postTelemetry(Bodies.telemetries(1).getBytes(StandardCharsets.UTF_8), "br");
    assertError(response, 415, "UNSUPPORTED_CONTENT_ENCODING", "br");
  }

  @Test
  void aHeaderGivenOnTwoLinesIsReadAsOneListNotAsItsFirstLine() throws Exception {
    byte[] once = Bodies.gzip(Bodies.telemetries(1).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> twoCodings = server().send(HttpRequest.newBuilder(server().uri(WireOperations.PATH))
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(once)).build());
    HttpResponse<String> twoTypes = server().send(HttpRequest.newBuilder(server().uri(WireOperations.PATH))
        .header("Content-Type", "application/json").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1))).build());

    // As "Content-Encoding: gzip, gzip" is: gzipped twice, which the server does not take.
    assertError(twoCodings, 415, "UNSUPPORTED_CONTENT_ENCODING", "the request's Content-Encoding is gzip, gzip;");
    assertError(twoTypes, 415, "UNSUPPORTED_MEDIA_TYPE", "the request's Content-Type is application/json, text/plain;");
  }

  @Test
  void refusesABodyThatIsNotGzipWhenItSaysSo() throws Exception {
    HttpResponse<String> response =
        server().postTelemetry(Bodies.telemetries(1).getBytes(StandardCharsets.UTF_8), "gzip");
    assertError(response, 400, "INVALID_GZIP", "it does not start with gzip's header");
  }

  @Test
  void saysWhetherAGzipBodyEndsEarlyOrIsCorruptInOurWords() throws Exception {
    byte[] whole = Bodies.gzip(Bodies.telemetries(50).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> cut = server().postTelemetry(Arrays.copyOf(whole, whole.length / 2), "gzip");
    assertError(cut, 400, "INVALID_GZIP", "it ends before its compressed data does");

    byte[] corrupt = whole.clone();
    for (int i = 10; i < 30; i++) {
      corrupt[i] = (byte) 0xFF; // inside the deflate stream, after the 10-byte header
    }
    HttpResponse<String> damaged = server().postTelemetry(corrupt, "gzip");
    assertError(damaged, 400, "INVALID_GZIP", "its compressed data is corrupt");
    assertThat(damaged.body()).doesNotContain("invalid", "ZLIB");
  }

  @Test
  void answersMalformedJsonWith400() throws Exception {
    assertError(server().postTelemetry("{\"query\": \"{ ping }\""), 400, "MALFORMED_JSON", "JSON");
    assertError(server().postTelemetry("{\"query\": \"{ ping }\"} trailing"), 400, "MALFORMED_JSON", "JSON");
  }

  @Test
  void answersABodyThatIsNotAGraphQlRequestWith400() throws Exception {
    assertError(server().postTelemetry("[1,2]"), 400, "BAD_REQUEST", "query");
    assertError(server().postTelemetry("{\"variables\":{}}"), 400, "MISSING_QUERY", "query");
    assertError(server().postTelemetry("null"), 400, "BAD_REQUEST", "null");
    assertError(server().postTelemetry(""), 400, "BAD_REQUEST", "GraphQL request");
    assertError(server().postTelemetry("{\"query\":\"{ ping }\",\"variables\":[1]}"), 400, "BAD_REQUEST", "GraphQL request");
  }

  @Test
  void answersInvalidUtf8With400() throws Exception {
    byte[] prefix = "{\"query\":\"{ ping }\",\"operationName\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + 4];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xff;
    body[prefix.length + 1] = (byte) 0xfe;
    body[prefix.length + 2] = '"';
    body[prefix.length + 3] = '}';
    assertError(server().postTelemetry(body, null), 400, "INVALID_UTF8", "UTF-8");
  }

  @Test
  void answersWrongMethodWith405() throws Exception {
    HttpResponse<String> get = server().get(WireOperations.PATH, null);
    assertError(get, 405, "METHOD_NOT_ALLOWED", "GET");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> put =
        server().send(
            HttpRequest.newBuilder(server().uri(WireOperations.PATH))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1)))
                .build());
    assertError(put, 405, "METHOD_NOT_ALLOWED", "PUT");
  }

  @Test
  void answersWrongContentTypeWith415() throws Exception {
    HttpResponse<String> response =
        server().send(
            HttpRequest.newBuilder(server().uri(WireOperations.PATH))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1)))
                .build());
    assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
  }

  @Test
  void acceptsJsonWithAUtf8Charset() throws Exception {
    expectStored = true;
    HttpResponse<String> response =
        server().send(
            HttpRequest.newBuilder(server().uri(WireOperations.PATH))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1)))
                .build());
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
