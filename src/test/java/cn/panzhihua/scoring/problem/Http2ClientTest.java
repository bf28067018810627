package cn.panzhihua.scoring.problem;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that prefers HTTP/2 (the JDK's HttpClient does by default, so other government systems
 * written in Java will) gets the same answers as one speaking HTTP/1.1. Over HTTP/2, Quarkus answered
 * an authenticated POST without a body (a reload, a checkpoint) with 500 "Request has already been
 * read" (quarkusio/quarkus#34393); the service therefore speaks HTTP/1.1 only (quarkus.http.http2).
 */
@QuarkusTest
class Http2ClientTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void anEmptyPostFromAClientThatPrefersHttp2IsAnswered() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String author = "Basic " + Base64.getEncoder().encodeToString("author:author-dev".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) { // the upgrade is offered on the first request; later ones reuse the connection
            HttpResponse<String> reload = client.send(HttpRequest.newBuilder(URI.create(base + "api/v1/rulebooks/2016/reload"))
                    .header("Authorization", author).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reload.statusCode(), reload.body());
            assertEquals(HttpClient.Version.HTTP_1_1, reload.version());
        }
    }
}
