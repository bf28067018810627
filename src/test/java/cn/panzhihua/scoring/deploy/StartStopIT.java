package cn.panzhihua.scoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's start: the packaged jar in the demo profile, with the production JVM options. A first
 * start (the DRL compiled) logs each phase and no ERROR or Log4j complaint, and SIGTERM stops it
 * cleanly; a second start with LOG_JSON=true writes only JSON lines, and Ctrl-C (SIGINT) stops it.
 * Start-up times are printed, not asserted (BENCHMARKS.md has the figures).
 */
class StartStopIT {

    static final List<String> PRODUCTION_JVM = List.of("-XX:+UseSerialGC", "-Xmx96m", "-XX:SurvivorRatio=4",
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    PackagedService service;

    @Test
    void startsLogsEachPhaseAndStopsCleanly() throws Exception {
        Path dir = Path.of("target", "start-stop").toAbsolutePath();
        ScaleOutIT.deleteTree(dir);
        Files.createDirectories(dir);
        Map<String, String> properties = PackagedService.demo(dir.resolve("data"), dir.resolve("service-key.pem"),
                Path.of(System.getProperty("rules.dir", "rules-drl")).toAbsolutePath());

        service = new PackagedService("plain", PackagedService.freePort(), dir.resolve("plain.log"), properties, Map.of());
        service.jvm = PRODUCTION_JVM;
        long start = System.nanoTime();
        service.start().awaitReady(http);
        System.out.printf("start-stop: first start ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        int exit = service.stop();
        assertEquals(143, exit, "SIGTERM ends the JVM through its shutdown hooks (128 + 15)\n" + service.tail());
        List<String> log = Files.readAllLines(service.log, StandardCharsets.UTF_8);
        String text = String.join("\n", log);
        for (String phase : List.of("Database: jdbc:h2:", "loading rulebook", "rulebook 2016-", "decision records in H2",
                "started in", "stopped in")) {
            assertTrue(text.contains(phase), "the log shows '" + phase + "':\n" + text);
        }
        assertFalse(text.contains(" ERROR "), "no ERROR on a normal start and stop:\n" + text);
        assertFalse(text.contains("Log4j"), "Log4j goes to the service's logging:\n" + text);
        assertFalse(text.contains("Exception"), text);

        PackagedService json = new PackagedService("json", PackagedService.freePort(), dir.resolve("json.log"), properties,
                Map.of("LOG_JSON", "true"));
        json.jvm = PRODUCTION_JVM;
        service = json;
        start = System.nanoTime();
        json.start().awaitReady(http);
        System.out.printf("start-stop: restart (compiled rules read back) ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals(130, json.signal("INT"), "Ctrl-C ends the JVM through its shutdown hooks (128 + 2)\n" + json.tail());
        ObjectMapper mapper = new ObjectMapper();
        int lines = 0;
        for (String line : Files.readAllLines(json.log, StandardCharsets.UTF_8)) {
            if (line.startsWith("==== start")) {
                continue;
            }
            JsonNode entry = mapper.readTree(line);
            assertTrue(entry.hasNonNull("level") && entry.hasNonNull("message") && entry.hasNonNull("loggerName"), line);
            assertFalse(entry.get("level").asText().equals("ERROR"), line);
            lines++;
        }
        assertTrue(lines > 5, "JSON lines written: " + lines);
    }

    /**
     * SIGTERM while the start-up gate compiles and checks the rulebook (a first start: a minute on a
     * busy machine) stops the process promptly, not after the gate: an orchestrator that gives up on a
     * slow start, or an operator's Ctrl-C, is obeyed at once.
     */
    @Test
    void sigtermDuringTheStartUpGateStopsPromptly() throws Exception {
        Path dir = Path.of("target", "start-stop-early").toAbsolutePath();
        ScaleOutIT.deleteTree(dir);
        Files.createDirectories(dir);
        Map<String, String> properties = PackagedService.demo(dir.resolve("data"), dir.resolve("service-key.pem"),
                Path.of(System.getProperty("rules.dir", "rules-drl")).toAbsolutePath());
        service = new PackagedService("early", PackagedService.freePort(), dir.resolve("early.log"), properties, Map.of());
        service.jvm = PRODUCTION_JVM;
        service.start();
        long deadline = System.nanoTime() + PackagedService.READY_WITHIN.toNanos();
        while (!Files.readString(service.log, StandardCharsets.UTF_8).contains("loading rulebook")) {
            assertTrue(service.process().isAlive() && System.nanoTime() < deadline, "the gate began:\n" + service.tail());
            Thread.sleep(20);
        }
        long signalled = System.nanoTime();
        int exit = service.stop();
        long millis = (System.nanoTime() - signalled) / 1_000_000;
        String log = Files.readString(service.log, StandardCharsets.UTF_8);
        System.out.printf("start-stop: SIGTERM during the start-up gate ended the process in %d ms%n", millis);
        assertEquals(143, exit, service.tail());
        assertTrue(log.contains("stopped during start-up"), "the log says why it stopped:\n" + service.tail());
        assertFalse(log.contains("started in"), "it did not finish starting first:\n" + service.tail());
        assertTrue(millis < 10_000, "stopped within 10 s of SIGTERM, not after the gate: " + millis + " ms");
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }
}
