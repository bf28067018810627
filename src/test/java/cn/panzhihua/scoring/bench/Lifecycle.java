package cn.panzhihua.scoring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lifecycle figures of a running service (benchmarks/lifecycle.sh starts it): reload time, a batch
 * of all 72 units, and resident memory over 100,000 evaluations.
 *
 * <pre>Lifecycle http://127.0.0.1:8089 pid=12345 evaluations=100000</pre>
 */
public final class Lifecycle {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTHOR = basic("author", "author-dev");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long pid = Long.parseLong(option(args, "pid", "0"));
        int evaluations = Integer.parseInt(option(args, "evaluations", "100000"));

        // Reloads after an edit compile the DRL (a new text is never in the compiled-rules cache);
        // reloads of unchanged files read the compiled rules back. Both run every scenario.
        Path rules = Path.of(option(args, "rules", "rules-drl"));
        String one = Files.readString(Path.of("src/test/resources/bench/evaluation.json"), StandardCharsets.UTF_8);
        AtomicLong during = new AtomicLong();
        AtomicLong failedDuring = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread callers = new Thread(() -> { // evaluations keep coming while the rulebook is swapped
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = post(base + "/api/v1/evaluations?record=false", one);
            while (reloading.get()) {
                try {
                    during.incrementAndGet();
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                        failedDuring.incrementAndGet();
                    }
                } catch (Exception e) {
                    failedDuring.incrementAndGet();
                }
            }
        });
        callers.start();
        for (int i = 1; i <= 6; i++) {
            boolean edit = i <= 3;
            if (edit) {
                Path file = rules.resolve("2016/common/score.drl");
                Files.writeString(file, Files.readString(file) + "\n// benchmark edit " + System.nanoTime() + "\n");
            }
            long start = System.nanoTime();
            HttpResponse<String> reload = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rulebooks/2016/reload"))
                    .header("Authorization", AUTHOR).POST(HttpRequest.BodyPublishers.noBody()).build());
            JsonNode result = JSON.readTree(reload.body());
            System.out.printf(Locale.ROOT, "reload %d (%s): %d ms wall, %s ms in the service, %s, %s scenarios%n", i,
                    edit ? "edited DRL, compiled" : "unchanged, compiled rules read back", (System.nanoTime() - start) / 1_000_000,
                    result.path("millis").asText(), result.path("status").asText(), result.path("scenariosRun").asText());
        }
        reloading.set(false);
        callers.join();
        System.out.printf(Locale.ROOT, "evaluations during the reloads: %d, failed: %d%n", during.get(), failedDuring.get());

        String batch = batchOfAllUnits(base);
        for (int i = 0; i < 10; i++) { // warm-up: a reloaded rulebook's constraints are compiled lazily
            send(post(base + "/api/v1/evaluations/batch?record=false", batch));
        }
        for (String query : new String[]{"?record=false", ""}) {
            long[] times = new long[15];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = send(post(base + "/api/v1/evaluations/batch" + query, batch));
                times[i] = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.body());
                }
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "batch of 72 units%s: median %.1f ms, best %.1f ms (15 calls after 10 warm-up)%n",
                    query.isEmpty() ? ", recorded" : ", no record", times[7] / 1e6, times[0] / 1e6);
        }

        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        System.out.printf(Locale.ROOT, "RSS before: %d MB%n", rssMb(pid));
        for (int w = 0; w < 8; w++) {
            pool.submit(() -> {
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest request = post(base + "/api/v1/evaluations?record=false", one);
                while (true) {
                    long n = done.incrementAndGet();
                    if (n > evaluations) {
                        return null;
                    }
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (n % (evaluations / 4) == 0) {
                        System.out.printf(Locale.ROOT, "RSS after %d evaluations: %d MB%n", n, rssMb(pid));
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    static String batchOfAllUnits(String base) throws Exception {
        JsonNode units = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/units?year=2016")).build()).body()).get("units");
        ArrayNode items = JSON.createArrayNode();
        int i = 0;
        for (JsonNode unit : units) {
            ObjectNode item = items.addObject();
            item.put("unit", unit.get("name").asText()).put("year", 2016);
            item.putArray("findings").addObject().put("code", unit.path("assessments").path("efficiency").asBoolean() ? "E-1" : "I-2.2");
            ObjectNode information = item.putObject("information");
            ArrayNode months = information.putArray("monthlySubmissions");
            for (int m = 0; m < 12; m++) {
                months.add(6 + (i + m) % 3);
            }
            ArrayNode adoptions = information.putArray("adoptions");
            for (int a = 0; a < 10; a++) {
                adoptions.addObject().put("channel", a % 3 == 0 ? "PROVINCE_MORNING_BRIEF" : "CITY_BULLETIN")
                        .put("date", "2016-%02d-15".formatted(1 + a));
            }
            i++;
        }
        return JSON.writeValueAsString(JSON.createObjectNode().set("items", items));
    }

    static HttpRequest post(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux, or no pid given
        }
        return -1;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
