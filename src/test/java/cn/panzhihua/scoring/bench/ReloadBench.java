package cn.panzhihua.scoring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reload figures of a freshly restarted service (benchmarks/authoring.sh starts it): the first
 * reload after an edit (the one a cold compiler used to make slow), then more edit reloads, each an
 * edit of a different DRL file; then the watcher: from the moment an edited file is saved to the
 * moment the new version serves.
 *
 * <pre>ReloadBench http://127.0.0.1:8089 rules=/tmp/…/rules-drl edits=20 saves=10</pre>
 */
public final class ReloadBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHOR = "Basic " + Base64.getEncoder().encodeToString("author:author-dev".getBytes(StandardCharsets.UTF_8));
    private static final List<String> FILES = List.of("2016/common/score.drl", "2016/efficiency/table.drl",
            "2016/disclosure/organisation.drl", "2016/information/reporting.drl");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path rules = Path.of(option(args, "rules", "rules-drl"));
        int edits = Integer.parseInt(option(args, "edits", "20"));
        int saves = Integer.parseInt(option(args, "saves", "10"));
        boolean watcher = Boolean.parseBoolean(option(args, "watcher", "false"));

        List<Long> reloads = new ArrayList<>();
        if (!watcher) {
            for (int i = 0; i < edits + 1; i++) {
                edit(rules.resolve(FILES.get(i % FILES.size())));
                long start = System.nanoTime();
                HttpResponse<String> reload = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rulebooks/2016/reload"))
                        .header("Authorization", AUTHOR).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - start) / 1_000_000;
                JsonNode result = JSON.readTree(reload.body());
                if (!"SWAPPED".equals(result.path("status").asText())) {
                    throw new IllegalStateException("reload " + i + " answered " + reload.body());
                }
                if (i == 0) {
                    System.out.printf(Locale.ROOT, "first reload after the restart (edited %s): %d ms wall, %s ms in the service%n",
                            FILES.get(0), millis, result.path("millis").asText());
                } else {
                    reloads.add(millis);
                }
            }
            System.out.println("reloads after an edit, " + edits + " more: " + summary(reloads));
            return;
        }
        List<Long> swaps = new ArrayList<>();
        for (int i = 0; i < saves; i++) {
            String before = version(base);
            long saved = edit(rules.resolve(FILES.get(i % FILES.size())));
            String now = before;
            while (now.equals(before)) {
                if (System.nanoTime() - saved > 30_000_000_000L) {
                    throw new IllegalStateException("the watcher did not swap within 30 s");
                }
                Thread.sleep(5);
                now = version(base);
            }
            swaps.add((System.nanoTime() - saved) / 1_000_000);
            Thread.sleep(300);
        }
        System.out.println("watcher, save to new version serving, " + saves + " saves: " + summary(swaps));
    }

    /** Appends a comment: a different text, so a different version and its DRL package compiled again. */
    private static long edit(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8) + "\n// benchmark edit " + System.nanoTime() + "\n";
        long at = System.nanoTime();
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return at;
    }

    private static String version(String base) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rulebooks/2016"))
                .header("Authorization", AUTHOR).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("version").asText();
    }

    static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, max %d ms (all: %s)", percentile(sorted, 50), percentile(sorted, 95),
                sorted.get(sorted.size() - 1), millis);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String option(String[] args, String name, String otherwise) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return otherwise;
    }
}
