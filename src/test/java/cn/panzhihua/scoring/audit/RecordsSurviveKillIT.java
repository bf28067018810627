package cn.panzhihua.scoring.audit;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing answered is lost: the packaged service answers evaluations, is killed with SIGKILL right
 * after the last answer, and is started again on the same data folder; every answered record is
 * there, byte for byte as answered, and the hash chain verifies.
 */
class RecordsSurviveKillIT {

    static final String REQUEST = """
            {"unit": "%s", "year": 2016, "findings": [{"code": "E-2", "count": %d, "note": "抽查 %d"}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";
    static final String AUDITOR = "Basic " + Base64.getEncoder().encodeToString("auditor:auditor-dev".getBytes(StandardCharsets.UTF_8));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answeredRecordsSurviveSigkill(@TempDir Path data) throws Exception {
        Process first = start(data, "first");
        Map<String, String> answered = new LinkedHashMap<>();
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            String[] units = {"市财政局", "东区政府", "市林业局", "钒钛高新区管委会"};
            for (int i = 0; i < 40; i++) {
                String body = REQUEST.formatted(units[i % units.length], i % 4, i);
                calls.add(http.sendAsync(post("/api/v1/evaluations", body), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertEquals(200, response.statusCode(), response.body());
                answered.put(JsonPath.from(response.body()).getString("evaluationId"), response.body());
            }
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            first.waitFor();
        }

        Process second = start(data, "second");
        try {
            for (Map.Entry<String, String> entry : answered.entrySet()) {
                HttpResponse<String> record = http.send(get("/api/v1/evaluations/" + entry.getKey()), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, record.statusCode(), "record " + entry.getKey() + " was lost: " + record.body());
                assertEquals(JsonPath.from(entry.getValue()).getMap(""), JsonPath.from(record.body()).getMap("response"));
            }
            HttpResponse<String> verify = http.send(get("/api/v1/audit/verify"), HttpResponse.BodyHandlers.ofString());
            JsonPath chain = JsonPath.from(verify.body());
            assertTrue(chain.getBoolean("intact"), verify.body());
            assertEquals(answered.size(), chain.getInt("recordsChecked"));
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private int port;

    private Process start(Path data, String name) throws Exception {
        port = freePort();
        Process process = new ProcessBuilder("java", "-Dquarkus.profile=demo", "-Dservice.key-file=" + data.resolve("../service-key.pem"), "-Dquarkus.http.port=" + port, "-Ddata.dir=" + data,
                "-Drules.dir=" + System.getProperty("rules.dir"), "-Drules.watch.enabled=false",
                "-jar", System.getProperty("service.jar"))
                .redirectErrorStream(true).redirectOutput(data.resolve(name + ".log").toFile()).start();
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertTrue(process.isAlive(), "the service exited; see " + data.resolve(name + ".log"));
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not become ready in 60 s");
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", AUDITOR).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
