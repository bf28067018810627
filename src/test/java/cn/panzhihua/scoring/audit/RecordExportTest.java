package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.security.ServiceKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 section 2: an auditor exports a year's records with their checkpoints and checks the
 * export offline. A good export verifies; a changed byte, a removed record and a forged checkpoint
 * are each named; other years' records appear as links only, never with their content.
 */
@QuarkusTest
@TestSecurity(user = "auditor", roles = {"auditor", "evaluator"})
class RecordExportTest {

    static final String SECRET_2017 = "二〇一七年的内容不得出现在2016年的导出中";

    @Inject
    RecordStore store;

    @Inject
    ServiceKey key;

    private String interleave() {
        String first = RecordContract.evaluate("");
        store.appendAll(List.of(draft2017()), "test");
        given().post("/api/v1/audit/checkpoints").then().statusCode(200);
        store.appendAll(List.of(draft2017()), "test");
        return io.restassured.path.json.JsonPath.from(RecordContract.evaluate("")).getString("evaluationId") + "|"
                + io.restassured.path.json.JsonPath.from(first).getString("evaluationId");
    }

    private static RecordDraft draft2017() {
        return new RecordDraft(UUID.randomUUID().toString(), "auditor", "市国资委", 2017, "2017-test", null,
                "{\"note\":\"" + SECRET_2017 + "\"}", "{\"recorded\":true}");
    }

    private String export(int year) {
        return given().get("/api/v1/audit/export?year=" + year).then().statusCode(200)
                .contentType("application/x-ndjson").header("Content-Disposition", org.hamcrest.Matchers.containsString("records-" + year))
                .extract().asString();
    }

    private ExportCheck.Result check(String text) throws Exception {
        return ExportCheck.check(new StringReader(text), List.of(key.publicKey()), null);
    }

    @Test
    void aGoodExportVerifiesAndEveryDamageIsNamed() throws Exception {
        String[] ids = interleave().split("\\|");
        String last2016 = ids[0];
        String text = export(2016);
        Files.createDirectories(Path.of("target", "export-check"));
        Files.writeString(Path.of("target", "export-check", "first-test.ndjson"), text, StandardCharsets.UTF_8);
        assertFalse(text.contains(SECRET_2017), "other years' content is never exported");
        assertTrue(text.contains("\"type\":\"link\""), "other years' records are links");
        ExportCheck.Result good = check(text);
        assertTrue(good.ok(), good.problems().toString());
        assertTrue(good.records() >= 2 && good.links() >= 2, good.toString());

        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        int at = indexOf(lines, "\"id\":\"" + last2016 + "\"");

        // One changed byte in a record's response.
        List<String> changed = new ArrayList<>(lines);
        changed.set(at, changed.get(at).replace("\\\"score\\\":95", "\\\"score\\\":96"));
        assertFalse(changed.get(at).equals(lines.get(at)), "the byte was changed");
        ExportCheck.Result byte1 = check(String.join("\n", changed));
        assertFalse(byte1.ok());
        assertTrue(byte1.problems().stream().anyMatch(p -> p.contains(last2016) && p.contains("changed")), byte1.problems().toString());

        // A removed record.
        List<String> removed = new ArrayList<>(lines);
        String gone = removed.remove(at);
        long seq = Long.parseLong(gone.replaceAll(".*\"seq\":(\\d+).*", "$1"));
        ExportCheck.Result missing = check(String.join("\n", removed));
        assertFalse(missing.ok());
        assertTrue(missing.problems().stream().anyMatch(p -> p.contains("records " + seq) && p.contains("missing")), missing.problems().toString());

        // A forged checkpoint: its head changed to what the forger wants; the signature no longer fits.
        List<String> forged = new ArrayList<>(lines);
        int cpAt = indexOf(forged, "\"type\":\"checkpoint\"");
        String head = forged.get(cpAt).replaceAll(".*\"headHash\":\"([0-9a-f]{64})\".*", "$1");
        forged.set(cpAt, forged.get(cpAt).replace(head, "f".repeat(64)));
        long number = Long.parseLong(forged.get(cpAt).replaceAll(".*\"number\":(\\d+).*", "$1"));
        ExportCheck.Result forgery = check(String.join("\n", forged));
        assertFalse(forgery.ok());
        assertTrue(forgery.problems().stream().anyMatch(p -> p.contains("checkpoint " + number) && p.contains("signature does not verify")),
                forgery.problems().toString());

        // A key the auditor trusts that did not sign it.
        ExportCheck.Result otherKey = ExportCheck.check(new StringReader(text), List.of(ServiceKey.generate("other").publicKey()), null);
        assertFalse(otherKey.ok());
    }

    @Test
    void anotherYearsExportStartsAtASignedCheckpointAndShowsNoOtherContent() throws Exception {
        interleave();
        String text = export(2017);
        assertFalse(text.contains("目录系统未及时公开"), "2016 content stays out of the 2017 export");
        ExportCheck.Result result = check(text);
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(2017, result.year());
    }

    /**
     * Issue 18 section 2, the splice exactly: a 2016 record's total 0.5 → 9.99, its digest and hash
     * recomputed, and the next link line relabelled hash format 1 (whose hash the check used to take
     * as given, which let the chain rejoin the signed one). Now no line is taken as given and a format
     * may never go back from 2 to 1: the check fails, also with a kept checkpoint.
     */
    @Test
    void aLinkRelabelledFormatOneDoesNotHideAChangedRecord() throws Exception {
        String[] ids = interleave().split("\\|");
        String first2016 = ids[1];
        String text = export(2016);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        int at = indexOf(lines, "\"id\":\"" + first2016 + "\"");
        assertTrue(lines.get(at + 1).contains("\"type\":\"link\"") && lines.get(at + 1).contains("\"hashFormat\":2"), lines.get(at + 1));

        String record = lines.get(at);
        String changed = record.replace("\\\"totalContribution\\\":0.5,", "\\\"totalContribution\\\":9.99,");
        assertFalse(changed.equals(record), "the total was changed: " + record);
        java.util.Map<String, Object> o = ExportCheck.Json.parse(changed);
        DecisionRecord r = new DecisionRecord((String) o.get("id"), ((Number) o.get("seq")).longValue(), java.time.Instant.parse((String) o.get("recordedAt")),
                (String) o.get("recordedBy"), (String) o.get("unit"), ((Number) o.get("year")).intValue(), (String) o.get("rulebookVersion"),
                (String) o.get("serviceVersion"), (String) o.get("batchId"), (String) o.get("request"), (String) o.get("response"),
                (String) o.get("previousHash"), null, 2, null);
        String digest = CanonicalContent.digest(r.canonicalContent());
        String hash = CanonicalContent.link(r.previousHash(), digest);
        changed = changed.replace((String) o.get("contentDigest"), digest).replace((String) o.get("contentHash"), hash);
        String link = lines.get(at + 1);
        String relabelled = link.replace("\"hashFormat\":2", "\"hashFormat\":1").replace((String) o.get("contentHash"), hash);
        List<String> spliced = new ArrayList<>(lines);
        spliced.set(at, changed);
        spliced.set(at + 1, relabelled);
        String forged = String.join("\n", spliced);
        Files.createDirectories(Path.of("target", "export-check"));
        Files.writeString(Path.of("target", "export-check", "issue18-splice.ndjson"), forged, StandardCharsets.UTF_8);

        ExportCheck.Result result = check(forged);
        assertFalse(result.ok(), "the splice must not verify");
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("hash format 1") && p.contains("downgrade")), result.problems().toString());
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("without its content cannot be recomputed")), result.problems().toString());

        // The kept checkpoint (the export's own end, as a person would have kept it) changes nothing.
        String endLine = lines.stream().filter(l -> l.contains("\"type\":\"checkpoint\"")).reduce((a, b) -> b).orElseThrow();
        Checkpoint kept = ExportCheck.checkpoint(ExportCheck.Json.parse(endLine), "kept");
        ExportCheck.Result withKept = ExportCheck.check(new StringReader(forged), List.of(key.publicKey()), kept);
        assertFalse(withKept.ok(), withKept.problems().toString());
        // And the unforged export still verifies with the same kept checkpoint.
        ExportCheck.Result good = ExportCheck.check(new StringReader(text), List.of(key.publicKey()), kept);
        assertTrue(good.ok(), good.problems().toString());
    }

    /** A format-1 line put into a format-2 export is a downgrade, named as one, whatever hashes it carries. */
    @Test
    void aFormatOneLineInsertedInAFormatTwoExportIsNamed() throws Exception {
        interleave();
        String text = export(2016);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        int link = indexOf(lines, "\"type\":\"link\"");
        assertTrue(lines.get(link).contains("\"hashFormat\":2"), "an export of format 2");
        String next = lines.get(link + 1);
        long seq = Long.parseLong(lines.get(link).replaceAll(".*\"seq\":(\\d+).*", "$1"));
        String own = lines.get(link).replaceAll(".*\"contentHash\":\"([0-9a-f]{64})\".*", "$1");
        String inserted = "{\"type\":\"link\",\"seq\":" + (seq + 1) + ",\"hashFormat\":1,\"contentDigest\":null,\"previousHash\":\"" + own
                + "\",\"contentHash\":\"" + next.replaceAll(".*\"previousHash\":\"([0-9a-f]{64})\".*", "$1") + "\"}";
        List<String> withInsert = new ArrayList<>(lines);
        withInsert.add(link + 1, inserted);
        ExportCheck.Result result = check(String.join("\n", withInsert));
        assertFalse(result.ok());
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("link of seq " + (seq + 1)) && p.contains("downgrade")), result.problems().toString());
    }

    /** A range of sequence numbers, every record in it in full; a cut download resumed from its last whole line gives the same file. */
    @Test
    void aRangeExportVerifiesAndACutDownloadResumes() throws Exception {
        interleave();
        String latest = given().get("/api/v1/audit/checkpoints/latest").then().statusCode(200).extract().asString();
        long to = io.restassured.path.json.JsonPath.from(latest).getLong("recordSeq");
        long from = Math.max(1, to - 3);
        io.restassured.response.Response first = given().get("/api/v1/audit/export?from=" + from + "&to=" + to).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("records-" + from + "-" + to))
                .extract().response();
        String whole = first.asString();
        long pinned = Long.parseLong(first.header("X-Export-Checkpoint"));
        ExportCheck.Result result = check(whole);
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(to - from + 1, result.records(), "every record of the range in full, whatever its year");

        // Pinned to its end checkpoint, the export is the same bytes every time; cut after a record line, resumed after it.
        assertEquals(whole, given().get("/api/v1/audit/export?from=" + from + "&to=" + to + "&checkpoint=" + pinned).then().statusCode(200).extract().asString());
        List<String> lines = Arrays.asList(whole.split("\n"));
        int cut = indexOf(lines, "\"seq\":" + (from + 1) + ",");
        String rest = given().get("/api/v1/audit/export?from=" + from + "&to=" + to + "&checkpoint=" + pinned + "&after=" + (from + 1))
                .then().statusCode(200).extract().asString();
        assertEquals(whole, String.join("\n", lines.subList(0, cut + 1)) + "\n" + rest, "the resumed part completes the cut file byte for byte");

        given().get("/api/v1/audit/export?from=" + to + "&to=" + from).then().statusCode(400).contentType("application/problem+json").body("field", org.hamcrest.Matchers.equalTo("to"));
        given().get("/api/v1/audit/export?from=x").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("from"));
        given().get("/api/v1/audit/export?from=1&after=5").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("after"));
        given().get("/api/v1/audit/export?from=1&to=" + to + "&checkpoint=999999999").then().statusCode(404).body("field", org.hamcrest.Matchers.equalTo("checkpoint"));
        given().get("/api/v1/audit/export").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("year"));
    }

    /** The documented command's class runs with nothing but the JDK and the application's own classes. */
    @Test
    void theOfflineCommandNeedsOnlyTheJdk() throws Exception {
        interleave();
        Path dir = Files.createDirectories(Path.of("target", "export-check"));
        Path good = dir.resolve("records-2016.ndjson");
        Files.writeString(good, export(2016), StandardCharsets.UTF_8);
        Path pem = dir.resolve("service-key.pub.pem");
        Files.writeString(pem, key.publicKeyPem(), StandardCharsets.US_ASCII);
        Path bad = dir.resolve("records-2016-damaged.ndjson");
        Files.writeString(bad, Files.readString(good).replaceFirst("\"contentDigest\":\"[0-9a-f]", "\"contentDigest\":\"x"), StandardCharsets.UTF_8);

        Process ok = run(good, pem);
        String okOut = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ok.waitFor(), okOut);
        assertTrue(okOut.contains("OK: "), okOut);
        Process damaged = run(bad, pem);
        String badOut = new String(damaged.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, damaged.waitFor(), badOut);
        assertTrue(badOut.contains("PROBLEM: ") && badOut.contains("FAILED"), badOut);
    }

    private static Process run(Path export, Path pem) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // target/classes only: no Quarkus, no Jackson, no database driver on the class path.
        return new ProcessBuilder(java, "-cp", "target/classes", ExportCheck.class.getName(), export.toString(), "--public-key", pem.toString())
                .redirectErrorStream(true).start();
    }

    /** An export says which records are progress evaluations (asOf), and the offline check holds that word to the content. */
    @Test
    void aRecordsKindIsExportedAndARelabelledKindIsNamed() throws Exception {
        String annual = io.restassured.path.json.JsonPath.from(RecordContract.evaluate("")).getString("evaluationId");
        String progress = given().contentType(io.restassured.http.ContentType.JSON)
                .body(RecordContract.REQUEST.replace("\"year\": 2016,", "\"year\": 2016, \"asOf\": \"2016-06-30\","))
                .post("/api/v1/evaluations").then().statusCode(200).extract().path("evaluationId");
        String text = export(2016);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        int a = indexOf(lines, "\"id\":\"" + annual + "\"");
        int p = indexOf(lines, "\"id\":\"" + progress + "\"");
        assertTrue(lines.get(a).contains("\"kind\":\"ANNUAL\""), lines.get(a));
        assertTrue(lines.get(p).contains("\"kind\":\"PROGRESS\""), lines.get(p));
        assertTrue(check(text).ok(), check(text).problems().toString());

        // a progress check relabelled as annual (so that it might pass for the year's result) is named; its hash still fits
        lines.set(p, lines.get(p).replace("\"kind\":\"PROGRESS\"", "\"kind\":\"ANNUAL\""));
        ExportCheck.Result relabelled = check(String.join("\n", lines));
        assertFalse(relabelled.ok());
        assertEquals(1, relabelled.problems().size(), relabelled.problems().toString());
        assertTrue(relabelled.problems().get(0).contains(progress) && relabelled.problems().get(0).contains("the kind was changed"),
                relabelled.problems().toString());
    }

    private static int indexOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + needle);
    }
}
