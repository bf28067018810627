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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 section 5: the packaged service on a read-only data folder. Readiness is DOWN and says
 * why, a recorded evaluation answers 503 problem+json with a correlation id and nothing of the SQL,
 * the stack or the engine, a dry run still answers; once the folder is writable again, readiness
 * comes back and recording works, without a restart.
 *
 * <p>File permissions do not stop root, so when the test runs as root (as CI does) the service runs
 * as the unprivileged user {@code nobody} (setpriv), from a copy of the application it can read.
 */
class RecordsUnavailableIT {

    static final String REQUEST = """
            {"unit": "市财政局", "year": 2016, "findings": [{"code": "D-1.2", "note": "未参加专题培训"}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";
    static final String AUDITOR = "Basic " + Base64.getEncoder().encodeToString("auditor:auditor-dev".getBytes(StandardCharsets.UTF_8));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    void readOnlyDataFolderTakesReadinessDownAnswers503AndRecovers(@TempDir Path work) throws Exception {
        boolean root = "0".equals(run("id", "-u").strip());
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path app = work.resolve("app");
        run("cp", "-r", Path.of(System.getProperty("service.jar")).getParent().toString(), app.toString());
        run("cp", "-r", System.getProperty("rules.dir"), work.resolve("rules-drl").toString());
        Path data = Files.createDirectories(work.resolve("data"));
        Path keys = Files.createDirectories(work.resolve("keys"));
        if (root) {
            run("chown", "-R", "65534:65534", data.toString(), keys.toString());
        }

        Process first = start(work, app, root, "first");
        try {
            assertEquals(200, post("/api/v1/evaluations", REQUEST).statusCode());
        } finally {
            first.destroy();
            first.waitFor();
        }

        run("chmod", "-R", "a-w", data.toString());
        Process second = start(work, app, root, "second");
        try {
            HttpResponse<String> ready = awaitReady(r -> r.statusCode() == 503);
            JsonPath health = JsonPath.from(ready.body());
            assertEquals("DOWN", health.getString("checks.find { it.name == 'decision records' }.status"), ready.body());
            assertTrue(health.getString("checks.find { it.name == 'decision records' }.data.reason").contains("read-only"), ready.body());

            HttpResponse<String> refused = post("/api/v1/evaluations", REQUEST);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            JsonPath problem = JsonPath.from(refused.body());
            assertEquals(503, problem.getInt("status"));
            String correlationId = problem.getString("correlationId");
            assertTrue(correlationId != null && problem.getString("detail").contains(correlationId), refused.body());
            for (String leak : List.of("INSERT", "SELECT", "SQL", "decision_record", "org.h2", "Exception", "\tat ", "drools", "kie")) {
                assertFalse(refused.body().contains(leak), "the 503 carries '" + leak + "': " + refused.body());
            }
            String log = Files.readString(work.resolve("second.log"));
            String logged = log.lines().filter(line -> line.contains(correlationId)).findFirst().orElse("");
            assertTrue(logged.contains("decision records unavailable"), "the detail is logged under the correlation id: " + logged
                    + "\n--- log tail ---\n" + log.substring(Math.max(0, log.length() - 3000)));

            HttpResponse<String> batch = post("/api/v1/evaluations/batch", "{\"items\": [" + REQUEST + "]}");
            assertEquals(503, batch.statusCode(), batch.body());
            assertEquals(200, post("/api/v1/evaluations?record=false", REQUEST).statusCode(), "a dry run needs no record");

            run("chmod", "-R", "u+w", data.toString());
            awaitReady(r -> r.statusCode() == 200);
            HttpResponse<String> recorded = post("/api/v1/evaluations", REQUEST);
            assertEquals(200, recorded.statusCode(), recorded.body());
            HttpResponse<String> verify = http.send(HttpRequest.newBuilder(uri("/api/v1/audit/verify")).header("Authorization", AUDITOR).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(JsonPath.from(verify.body()).getBoolean("intact"), verify.body());
            assertEquals(2, JsonPath.from(verify.body()).getInt("recordsChecked"), "the refused evaluations left nothing behind");
        } finally {
            second.destroy();
            second.waitFor();
            run("chmod", "-R", "u+w", data.toString());
        }
    }

    private HttpResponse<String> awaitReady(Predicate<HttpResponse<String>> wanted) throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 600; i++) {
            try {
                last = http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (wanted.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never reached the expected state; last: " + (last == null ? "no answer" : last.body()));
    }

    private Process start(Path work, Path app, boolean root, String name) throws Exception {
        port = freePort();
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dquarkus.profile=demo",
                "-Dservice.key-file=" + work.resolve("keys/service-key.pem"), "-Dquarkus.http.port=" + port,
                "-Ddata.dir=" + work.resolve("data"), "-Drules.dir=" + work.resolve("rules-drl"), "-Drules.watch.enabled=false",
                "-jar", app.resolve("quarkus-run.jar").toString()));
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
        for (int i = 0; i < 900; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/live")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertTrue(process.isAlive(), "the service exited; see " + work.resolve(name + ".log") + ":\n" + tail(work.resolve(name + ".log")));
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not start in 90 s");
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
