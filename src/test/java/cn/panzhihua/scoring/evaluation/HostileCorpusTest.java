package cn.panzhihua.scoring.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10: the hostile corpus (src/test/resources/hostile/, one body per file, the expected status in
 * cases.tsv) against the running service. Every body is answered with its status as
 * application/problem+json within a second, nothing is stored, and the service is ready afterwards.
 * The service is warmed up first, so that the bound catches a pathological cost, not a cold JIT.
 */
@QuarkusTest
class HostileCorpusTest {

    static final long BOUND_MS = 1000;
    static final Pattern REPEAT = Pattern.compile("\\{\\{(repeat|list) (\\d+)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
    static final String VALID = """
            {"unit": "市财政局", "year": 2016, "findings": [{"code": "E-1", "count": 2}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8],
               "adoptions": [{"channel": "CITY_BULLETIN", "date": "2016-03-02", "title": "标题"}]}}""";

    record Case(String file, String path, String contentType, int status, String what) {
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    final ObjectMapper json = new ObjectMapper();

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String line : resource("cases.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("file\t")) {
                continue;
            }
            String[] columns = line.split("\t");
            cases.add(new Case(columns[0], columns[1], columns[2].equals("-") ? null : columns[2], Integer.parseInt(columns[3]), columns[4]));
        }
        return cases;
    }

    static byte[] body(Case c) {
        byte[] raw = bytes(c.file());
        return c.file().endsWith(".bin") ? raw : expand(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** {{repeat N}}x{{/repeat}}: x written N times; {{list N}}x{{/list}}: N copies joined by commas, {{i}} their number. */
    static String expand(String template) {
        Matcher m = REPEAT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            String part = m.group(3);
            StringBuilder made = new StringBuilder(part.length() * n + n);
            for (int i = 1; i <= n; i++) {
                if (m.group(1).equals("list") && i > 1) {
                    made.append(',');
                }
                made.append(part.contains("{{i}}") ? part.replace("{{i}}", Integer.toString(i)) : part);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(made.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    static byte[] bytes(String name) {
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalStateException("hostile/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    @Test
    void theCorpusIsLargeEnough() {
        assertTrue(cases().size() >= 100, cases().size() + " cases");
    }

    @Test
    void everyHostileBodyIsA4xxProblemWithinASecondAndNothingIsStored() throws Exception {
        List<Case> cases = cases();
        List<byte[]> bodies = cases.stream().map(HostileCorpusTest::body).toList();
        // warm up: the evaluation path and every rejection path, twice
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 20; i++) {
                RawHttp.post(base.resolve("/api/v1/evaluations?record=false"), "application/json", VALID.getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < cases.size(); i++) {
                send(cases.get(i), bodies.get(i));
            }
        }
        long before = RawHttp.records(dataSource);
        List<String> wrong = new ArrayList<>();
        long[] times = new long[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            long start = System.nanoTime();
            RawHttp.Answer answer = send(c, bodies.get(i));
            long millis = (System.nanoTime() - start) / 1_000_000;
            times[i] = millis;
            String problem = check(c, answer);
            if (problem != null) {
                wrong.add(c.file() + " (" + c.what() + "): " + problem);
            } else if (millis > BOUND_MS) {
                wrong.add(c.file() + " (" + c.what() + "): answered in " + millis + " ms");
            }
        }
        List<Integer> slowest = java.util.stream.IntStream.range(0, cases.size()).boxed()
                .sorted((a, b) -> Long.compare(times[b], times[a])).limit(5).toList();
        System.out.println("hostile corpus: " + cases.size() + " bodies, slowest: " + slowest.stream()
                .map(i -> cases.get(i).file() + " " + times[i] + " ms").toList());
        assertEquals(List.of(), wrong);
        assertEquals(before, RawHttp.records(dataSource), "a hostile body stored a record");
        RawHttp.Answer ready = RawHttp.post(base.resolve("/api/v1/evaluations?record=false"), "application/json", VALID.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ready.status(), ready.body());
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    private RawHttp.Answer send(Case c, byte[] body) {
        return RawHttp.post(base.resolve(c.path()), c.contentType(), body);
    }

    private String check(Case c, RawHttp.Answer answer) {
        if (answer.status() != c.status()) {
            return "expected " + c.status() + ", got " + answer.status() + ": " + abbreviated(answer.body());
        }
        if (!"application/problem+json".equals(answer.contentType())) {
            return "answered as " + answer.contentType() + ": " + abbreviated(answer.body());
        }
        try {
            JsonNode problem = json.readTree(answer.body());
            if (problem.path("status").asInt() != c.status() || !problem.path("title").isTextual() || !problem.path("detail").isTextual()) {
                return "not a problem with status, title and detail: " + abbreviated(answer.body());
            }
        } catch (IOException e) {
            return "the answer is not JSON: " + abbreviated(answer.body());
        }
        if (answer.body().length() > 64 * 1024) {
            return "the problem has " + answer.body().length() + " characters";
        }
        if (JAVA_CLASS.matcher(answer.body()).find()) {
            return "the answer names a Java class: " + abbreviated(answer.body());
        }
        return null;
    }

    /** Issue 18 §4: no answer names a class (java.security.InvalidKeyException, com.fasterxml…). */
    static final Pattern JAVA_CLASS = Pattern.compile("\\b(?:java|javax|jdk|sun|com|org|io|cn)\\.(?:[a-z0-9_]+\\.)*[A-Z][A-Za-z0-9_$]*");

    /**
     * Issue 18 §4: a checkpoint verified with a public key that is not Ed25519 (RSA, EC, garbage) is a
     * 400 naming publicKey, in words; the review got "java.security.InvalidKeyException: Unsupported OID".
     */
    @Test
    void aPublicKeyOfAnotherAlgorithmIsRefusedWithoutClassNames() throws Exception {
        String checkpoint = "{\"number\": 1, \"recordSeq\": 1, \"headHash\": \"" + "0".repeat(64) + "\", "
                + "\"takenAt\": \"2016-12-31T08:00:00Z\", \"keyId\": \"0000000000000000\", \"reason\": \"test\", \"signature\": \"AAAA\"}";
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (String algorithm : java.util.List.of("RSA", "EC")) {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(algorithm);
            keys.add("-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                    generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        }
        keys.add("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        keys.add("not a key at all");
        for (String key : keys) {
            String body = "{\"checkpoint\": " + checkpoint + ", \"publicKey\": " + json.writeValueAsString(key) + "}";
            String answer = io.restassured.RestAssured.given().auth().preemptive().basic("auditor", "auditor-dev")
                    .contentType("application/json").body(body).post("/api/v1/audit/verify")
                    .then().statusCode(400).contentType("application/problem+json").extract().asString();
            assertTrue(answer.contains("\"field\":\"publicKey\""), answer);
            assertTrue(answer.contains("not an Ed25519 public key"), answer);
            assertTrue(!JAVA_CLASS.matcher(answer).find() && !answer.contains("Exception"), "a class name in: " + answer);
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
