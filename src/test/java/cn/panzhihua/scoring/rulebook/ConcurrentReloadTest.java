package cn.panzhihua.scoring.rulebook;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluations go on from several threads while good and broken rulebooks are reloaded (by request
 * and by the watcher). No request may fail, and every response must be wholly one version: its
 * score and its trail text are those of the version it names.
 */
@QuarkusTest
@TestProfile(EditableRulesProfile.class)
@TestSecurity(user = "author", roles = {"rule-author", "evaluator"})
class ConcurrentReloadTest {

    private static final String TEXT = RulebookReloadTest.D12_TEXT;

    @TestHTTPResource("/api/v1/evaluations")
    URI evaluations;

    record Answer(int status, String version, String text, String score) {
    }

    @Test
    void evaluationsNeverFailNorMixVersionsWhileRulebooksReload() throws Exception {
        Map<String, String> textByVersion = new ConcurrentHashMap<>();
        textByVersion.put(RulebookReloadTest.version(2016), TEXT);
        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(evaluations).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RulebookReloadTest.EVALUATION.formatted(2016))).build();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            clients.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        answers.add(new Answer(response.statusCode(), null, response.body(), null));
                        continue;
                    }
                    JsonPath body = JsonPath.from(response.body());
                    answers.add(new Answer(200, body.getString("rulebookVersion"),
                            body.getString("trail.find { it.clause == 'D-1.2' }.text"), body.getString("disclosure.score")));
                }
                return null;
            });
        }
        try {
            for (int round = 1; round <= 3; round++) {
                RulebookReloadTest.edit(2016, "disclosure/organisation.drl", s -> s.replace("when\n    $line : Line(code == \"D-1.2\")", "when\n    $line : Line(code == \"D-1.2\""));
                given().post("/api/v1/rulebooks/2016/reload").then().statusCode(422);
                Thread.sleep(150);
                String revised = TEXT + "（第" + round + "次修订）";
                restoreWith(revised);
                String version = given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200).extract().path("version");
                textByVersion.put(version, revised);
                Thread.sleep(150);
            }
        } finally {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
            restoreWith(TEXT);
            given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200);
        }

        List<String> wrong = new ArrayList<>();
        for (Answer answer : answers) {
            if (answer.status() != 200) {
                wrong.add("failed request " + answer.status() + ": " + answer.text());
            } else if (!answer.text().equals(textByVersion.get(answer.version())) || !answer.score().equals("97.5")) {
                wrong.add("version " + answer.version() + " answered text " + answer.text() + ", score " + answer.score()
                        + "; that version's text is " + textByVersion.get(answer.version()));
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())));
        assertTrue(answers.size() > 100, "only " + answers.size() + " evaluations ran");
        assertTrue(answers.stream().map(Answer::version).distinct().count() >= 3, "the evaluations saw too few versions");
    }

    private static void restoreWith(String text) throws IOException {
        String pristine = java.nio.file.Files.readString(EditableRulesProfile.PRISTINE.resolve("2016/disclosure/organisation.drl"));
        java.nio.file.Files.writeString(RulebookReloadTest.book(2016).resolve("disclosure/organisation.drl"), pristine.replace(TEXT, text));
    }
}
