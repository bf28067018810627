package cn.panzhihua.scoring.evaluation;

import io.restassured.path.json.JsonPath;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Requests as a hostile caller sends them: bytes that need not be UTF-8, any Content-Type or none,
 * bodies of any length with or without Content-Length (rest-assured would fix some of these up).
 */
final class RawHttp {

    record Answer(int status, String contentType, String body, HttpResponse<String> response) {
        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private RawHttp() {
    }

    static Answer post(URI uri, String contentType, byte[] body) {
        return send(request(uri, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Sent in chunks, without Content-Length. */
    static Answer postChunked(URI uri, String contentType, Supplier<InputStream> body) {
        return send(request(uri, contentType).POST(HttpRequest.BodyPublishers.ofInputStream(body)).build());
    }

    private static HttpRequest.Builder request(URI uri, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder;
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An input stream of {@code prefix}, {@code count} times {@code repeated}, then {@code suffix}, made as it is read. */
    static InputStream repeated(String prefix, String repeated, long count, String suffix) {
        Iterator<byte[]> parts = new Iterator<>() {
            long made = -1;

            @Override
            public boolean hasNext() {
                return made <= count;
            }

            @Override
            public byte[] next() {
                made++;
                String part = made == 0 ? prefix : made <= count ? repeated : suffix;
                return part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        };
        return new java.io.SequenceInputStream(new java.util.Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return new java.io.ByteArrayInputStream(parts.next());
            }
        });
    }

    static long records(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM decision_record")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
