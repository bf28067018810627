package cn.panzhihua.scoring.deploy;

import cn.panzhihua.scoring.bench.RecordFill;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 §6 / issue 23 §2: an impact over 10,000 stored unit-years, every unit listed
 * ({@code unchanged=true}, the largest answer there is), from the packaged service with a 256 MB
 * heap that ends the process on an OutOfMemoryError. The answer is streamed, so the heap holds the
 * run's compact rows, never the document. The records are the 72 answers of one real batch copied
 * with new ids and chained (bench/RecordFill), as the records benchmark fills its store.
 */
class ImpactMemoryIT {

    static final int RECORDS = 10_000;
    static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    PackagedService service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void tenThousandRecordsAtA256MegabyteHeap() throws Exception {
        Path dir = Path.of("target", "impact-memory").toAbsolutePath();
        ScaleOutIT.deleteTree(dir);
        Files.createDirectories(dir);
        Path rules = Path.of(System.getProperty("rules.dir", "rules-drl")).toAbsolutePath();
        Map<String, String> properties = PackagedService.demo(dir.resolve("data"), dir.resolve("service-key.pem"), rules);
        properties = new java.util.LinkedHashMap<>(properties);
        properties.put("rules.watch.enabled", "false");
        properties.put("audit.checkpoint.every", "0");
        service = new PackagedService("impact", PackagedService.freePort(), dir.resolve("service.log"), properties, Map.of());
        service.jvm = JVM;
        service.start().awaitReady(http);

        // 1. One real batch of all 72 units, answered and stored by the service.
        HttpResponse<String> batch = http.send(post("/api/v1/evaluations/batch", "evaluator:evaluator-dev", batchOfEveryUnit(rules)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, batch.statusCode(), batch.body());
        service.stop();

        // 2. Copied to 10,000 records (H2 admits one process: the service is stopped meanwhile).
        RecordFill.main(new String[]{"jdbc:h2:file:" + dir.resolve("data").resolve("records"), "sa", "", String.valueOf(RECORDS - 72)});
        service.start().awaitReady(http);

        // 3. Every record under 《攀政快讯》 at 5 points, every unit listed, read as a stream.
        String channels = Files.readString(rules.resolve("2016/channels.tsv"), StandardCharsets.UTF_8)
                .replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t")
                .replace("《攀政快讯》采用 1 条信息计 4 分", "《攀政快讯》采用 1 条信息计 5 分");
        String body = new ObjectMapper().writeValueAsString(Map.of("files", Map.of("channels.tsv", channels)));
        long start = System.nanoTime();
        HttpResponse<InputStream> answer = http.send(post("/api/v1/impact/2016?population=all&unchanged=true", "author:author-dev", body),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        int evaluated = -1;
        int units = 0;
        int scoreChanged = -1;
        boolean gate = false;
        try (JsonParser json = new JsonFactory().createParser(answer.body())) {
            assertEquals(JsonToken.START_OBJECT, json.nextToken());
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "evaluated" -> evaluated = json.getIntValue();
                    case "scoreChanged" -> scoreChanged = json.getIntValue();
                    case "gate" -> {
                        gate = true;
                        json.skipChildren();
                    }
                    case "units" -> {
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            units++;
                            json.skipChildren();
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        }
        System.out.printf("impact-memory: %d records, %d units listed, answered and read in %d ms at -Xmx256m%n", evaluated, units,
                (System.nanoTime() - start) / 1_000_000);
        assertEquals(RECORDS, evaluated);
        assertEquals(RECORDS, units, "unchanged=true lists every record");
        assertTrue(scoreChanged > 0, "the draft moves some scores");
        assertTrue(gate, "the gate's verdict closes the answer");
        assertTrue(service.process().isAlive(), "the service is still up:\n" + service.tail());
        String log = Files.readString(service.log, StandardCharsets.UTF_8);
        assertFalse(log.contains("OutOfMemoryError"), service.tail());
    }

    private HttpRequest post(String path, String user, String body) {
        return HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** All 72 units of units.tsv, 8 submissions a month and one to nine 《攀政快讯》 adoptions each. */
    static String batchOfEveryUnit(Path rules) throws Exception {
        List<String> items = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(rules.resolve("2016/units.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("name\t") || line.isBlank()) {
                continue;
            }
            String unit = line.split("\t")[0];
            StringBuilder adoptions = new StringBuilder();
            for (int i = 0; i <= n % 9; i++) {
                adoptions.append(i == 0 ? "" : ",").append("{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-0").append(1 + i).append("-15\"}");
            }
            items.add("{\"unit\": \"" + unit + "\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8], "
                    + "\"adoptions\": [" + adoptions + "]}}");
            n++;
        }
        assertEquals(72, items.size());
        return "{\"items\": [" + String.join(",", items) + "]}";
    }
}
