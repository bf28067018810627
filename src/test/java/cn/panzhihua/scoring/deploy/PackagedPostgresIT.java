package cn.panzhihua.scoring.deploy;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision-record contract on PostgreSQL, against the packaged application chosen onto
 * PostgreSQL the way an operator does it (DATABASE_URL and credentials in the environment, nothing
 * rebuilt): answers stored exactly as answered, dry runs and rejected requests not stored, search,
 * and a row changed behind the service's back named by the chain verification. The in-process
 * variant is PostgresRecordsTest.
 */
class PackagedPostgresIT {

    static final String REQUEST = """
            {"unit": "市国资委", "year": 2016, "findings": [{"code": "D-2.1", "note": "目录系统未及时公开"}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    PackagedService service;
    String database;
    String url;

    @Test
    void theRecordContractHoldsOnPostgresqlChosenAtStart() throws Exception {
        String admin = System.getenv("TEST_POSTGRES_URL");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(admin != null && !admin.isBlank(), "TEST_POSTGRES_URL is not set (.ci/run sets it)");
        }
        database = "packaged_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        url = admin.replaceFirst("/[^/?]*(\\?.*)?$", "/" + database + "$1");
        Path dir = Path.of("target", "packaged-postgres").toAbsolutePath();
        ScaleOutIT.deleteTree(dir);
        Files.createDirectories(dir);
        service = new PackagedService("app", PackagedService.freePort(), dir.resolve("app.log"),
                PackagedService.demo(dir.resolve("data"), dir.resolve("service-key.pem"), Path.of(System.getProperty("rules.dir", "rules-drl")).toAbsolutePath()),
                Map.of("DATABASE_URL", url, "DATABASE_USERNAME", env("TEST_POSTGRES_USER", "postgres"),
                        "DATABASE_PASSWORD", env("TEST_POSTGRES_PASSWORD", "")));
        service.start().awaitReady(http);
        String log = Files.readString(service.log, StandardCharsets.UTF_8);
        assertTrue(log.contains("decision records in PostgreSQL"), log);
        assertFalse(Files.exists(dir.resolve("data/records.mv.db")), "no H2 database beside PostgreSQL");

        // Stored exactly as answered.
        HttpResponse<String> answered = post("/api/v1/evaluations", REQUEST);
        assertEquals(200, answered.statusCode(), answered.body());
        String id = JsonPath.from(answered.body()).getString("evaluationId");
        JsonPath record = JsonPath.from(get("/api/v1/evaluations/" + id).body());
        assertEquals(JsonPath.from(answered.body()).getMap(""), record.getMap("response"));
        assertEquals("目录系统未及时公开", record.getString("request.findings[0].note"));
        assertEquals(1, rows("SELECT COUNT(*) FROM decision_record WHERE id = '" + id + "'"));

        // A dry run and a rejected request store nothing.
        long before = rows("SELECT COUNT(*) FROM decision_record");
        HttpResponse<String> dry = post("/api/v1/evaluations?record=false", REQUEST);
        assertEquals(200, dry.statusCode());
        assertEquals(404, get("/api/v1/evaluations/" + JsonPath.from(dry.body()).getString("evaluationId")).statusCode());
        assertEquals(400, post("/api/v1/evaluations", REQUEST.replace("D-2.1", "D-9.9")).statusCode());
        assertEquals(before, rows("SELECT COUNT(*) FROM decision_record"));

        // Search, and the chain.
        post("/api/v1/evaluations", REQUEST);
        JsonPath page = JsonPath.from(get("/api/v1/evaluations?unit=市国资委&size=1").body());
        assertEquals(2, page.getInt("total"));
        assertEquals(1, page.getList("items").size());
        assertTrue(JsonPath.from(get("/api/v1/audit/verify").body()).getBoolean("intact"));

        // A row changed behind the service's back is named.
        String original;
        try (Connection c = connect(url); PreparedStatement read = c.prepareStatement("SELECT response_json FROM decision_record WHERE id = ?")) {
            read.setString(1, id);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                original = rs.getString(1);
            }
        }
        update(id, original.replace("\"score\":95", "\"score\":100"));
        JsonPath broken = JsonPath.from(get("/api/v1/audit/verify").body());
        assertFalse(broken.getBoolean("intact"));
        assertEquals(id, broken.getString("firstMismatch.id"));
        update(id, original);
        assertTrue(JsonPath.from(get("/api/v1/audit/verify").body()).getBoolean("intact"));
    }

    private void update(String id, String response) throws Exception {
        try (Connection c = connect(url); PreparedStatement write = c.prepareStatement("UPDATE decision_record SET response_json = ? WHERE id = ?")) {
            write.setString(1, response);
            write.setString(2, id);
            assertEquals(1, write.executeUpdate());
        }
    }

    private long rows(String sql) throws Exception {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(service.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(service.uri(path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("auditor:auditor-dev".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url, env("TEST_POSTGRES_USER", "postgres"), env("TEST_POSTGRES_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (service != null) {
            service.stop();
        }
        if (database != null) {
            try (Connection c = connect(System.getenv("TEST_POSTGRES_URL")); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
