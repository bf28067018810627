package cn.panzhihua.scoring.audit;

import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import cn.panzhihua.scoring.database.Records;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the decision-record store promises, whatever database holds it: every answer stored before
 * it is returned, exactly as answered; dry runs not stored; search and paging; a hash chain that
 * names the first record changed behind the service's back. Run on H2 and on PostgreSQL.
 */
@TestSecurity(user = "auditor", roles = {"auditor", "evaluator"})
abstract class RecordContract {

    static final String REQUEST = """
            {"unit": "市国资委", "year": 2016, "findings": [{"code": "D-2.1", "note": "目录系统未及时公开"}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";

    @Inject
    @Records
    DataSource dataSource;

    @Inject
    RecordStore store;

    static String evaluate(String query) {
        return given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations" + query)
                .then().statusCode(200).extract().asString();
    }

    @Test
    void anAnswerIsStoredExactlyAsAnswered() {
        String answered = evaluate("");
        String id = io.restassured.path.json.JsonPath.from(answered).getString("evaluationId");
        var record = given().get("/api/v1/evaluations/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("unit", equalTo("市国资委"))
                .body("year", equalTo(2016))
                .body("rulebookVersion", matchesPattern("2016-[0-9a-f]{12}"))
                .body("serviceVersion", notNullValue())
                .body("contentHash", matchesPattern("[0-9a-f]{64}"))
                .body("request.findings[0].note", equalTo("目录系统未及时公开"))
                .body("response.recorded", equalTo(true))
                .body("response.disclosure.score", equalTo(95))
                .body("response.trail.find { it.clause == 'D-2.1' }.points", equalTo(-5))
                .extract().jsonPath();
        assertEquals(io.restassured.path.json.JsonPath.from(answered).getMap(""), record.getMap("response"));
    }

    @Test
    void aDryRunIsNotStored() {
        long before = total("市国资委");
        String answered = evaluate("?record=false");
        String id = io.restassured.path.json.JsonPath.from(answered).getString("evaluationId");
        given().get("/api/v1/evaluations/" + id).then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, total("市国资委"));
        given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations?record=maybe")
                .then().statusCode(400).body("field", equalTo("record"));
    }

    @Test
    void aRejectedRequestStoresNothing() {
        long before = total(null);
        given().contentType(ContentType.JSON).body(REQUEST.replace("D-2.1", "D-9.9")).post("/api/v1/evaluations").then().statusCode(400);
        assertEquals(before, total(null));
    }

    @Test
    void searchFiltersAndPages() {
        for (int i = 0; i < 3; i++) {
            evaluate("");
        }
        given().get("/api/v1/evaluations?unit=市国资委&year=2016&size=2&page=0").then().statusCode(200)
                .body("size", equalTo(2)).body("items", hasSize(2)).body("total", greaterThanOrEqualTo(3))
                .body("items.unit", everyItem(equalTo("市国资委")))
                .body("items[0].seq", greaterThan(0))
                .body("items[0].totalContribution", equalTo(0.5f));
        given().get("/api/v1/evaluations?unit=市国资委&from=2016-01-01&to=2016-12-31").then().statusCode(200).body("total", equalTo(0));
        given().get("/api/v1/evaluations?unit=市国资委&from=2000-01-01").then().statusCode(200).body("total", greaterThanOrEqualTo(3));
        given().get("/api/v1/evaluations?size=1000").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("size")).body("detail", containsString("1000"));
        given().get("/api/v1/evaluations?from=yesterday").then().statusCode(400).body("field", equalTo("from"));
        given().get("/api/v1/evaluations?year=16x").then().statusCode(400).body("field", equalTo("year"));
        given().get("/api/v1/evaluations?page=-1").then().statusCode(400).body("field", equalTo("page"));
        given().get("/api/v1/evaluations?from=2016-05-01&to=2016-04-01").then().statusCode(400).body("field", equalTo("to"));
        given().get("/api/v1/evaluations?size=5").then().statusCode(200).body("items.size()", lessThanOrEqualTo(5));
    }

    @Test
    void badAndUnknownIds() {
        given().get("/api/v1/evaluations/not-an-id").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id")).body("value", equalTo("not-an-id"));
        given().get("/api/v1/evaluations/0f8fad5b-d9cb-469f-a165-70867728950e").then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/v1/evaluations/0f8fad5b-d9cb-469f-a165-70867728950e/replay").then().statusCode(404);
    }
    /** A batch's records go in one transaction: one bad record and none of the batch is stored. */
    @Test
    void recordsAppendedTogetherAreStoredAllOrNone() {
        String existing = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        long before = total(null);
        String batch = java.util.UUID.randomUUID().toString();
        java.util.List<RecordDraft> clash = java.util.List.of(draft(java.util.UUID.randomUUID().toString(), batch),
                draft(existing, batch), draft(java.util.UUID.randomUUID().toString(), batch));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> store.appendAll(clash, "test"));
        assertEquals(before, total(null), "nothing of the failed batch is stored");
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        java.util.List<DecisionRecord> stored = store.appendAll(java.util.List.of(draft(java.util.UUID.randomUUID().toString(), batch),
                draft(java.util.UUID.randomUUID().toString(), batch), draft(java.util.UUID.randomUUID().toString(), batch)), "test");
        assertEquals(before + 3, total(null));
        assertEquals(stored.get(0).seq() + 2, stored.get(2).seq());
        assertEquals(stored.get(0).contentHash(), stored.get(1).previousHash(), "each links to the one before");
        given().get("/api/v1/evaluations?batch=" + batch).then().statusCode(200).body("total", equalTo(3));
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    /**
     * What a circulation report ranks: each unit's latest record of the year (or of the batch) among
     * those up to the checkpoint's sequence number, in unit order. PostgreSQL answers it with a loose
     * index scan, H2 with one grouped pass: both must agree with this.
     */
    @Test
    void theLatestRecordOfEachUnitIsWhatAReportRanks() {
        int year = 1000 + new java.util.Random().nextInt(900); // a year of its own, whatever else the database holds
        String batch = java.util.UUID.randomUUID().toString();
        DecisionRecord a1 = store.append(unitDraft("unit-a", year, null), "test");
        DecisionRecord b1 = store.append(unitDraft("unit-b", year, batch), "test");
        DecisionRecord a2 = store.append(unitDraft("unit-a", year, batch), "test");
        store.append(unitDraft("unit-c", year + 1, null), "test");
        DecisionRecord b2 = store.append(unitDraft("unit-b", year, null), "test");
        assertEquals(java.util.List.of(a2.id(), b2.id()), ids(store.latestPerUnit(year, null, Long.MAX_VALUE)));
        assertEquals(java.util.List.of(a2.id(), b1.id()), ids(store.latestPerUnit(year, null, b2.seq() - 1)), "not past the checkpoint");
        assertEquals(java.util.List.of(a1.id()), ids(store.latestPerUnit(year, null, a1.seq())));
        assertEquals(java.util.List.of(), ids(store.latestPerUnit(year, null, a1.seq() - 1)));
        assertEquals(java.util.List.of(a2.id(), b1.id()), ids(store.latestPerUnit(year, batch, Long.MAX_VALUE)), "only the batch's records");
        assertEquals(java.util.List.of(b1.id()), ids(store.latestPerUnit(year, batch, b1.seq())));
        assertEquals(java.util.List.of(), ids(store.latestPerUnit(year + 2, null, Long.MAX_VALUE)));
    }

    private static java.util.List<String> ids(java.util.List<DecisionRecord> records) {
        return records.stream().map(DecisionRecord::id).toList();
    }

    private static RecordDraft unitDraft(String unit, int year, String batch) {
        return new RecordDraft(java.util.UUID.randomUUID().toString(), "auditor", unit, year, year + "-test", batch, REQUEST, "{\"recorded\":true}");
    }

    /** A record of the store's own (no evaluation behind it), of a year no report of the other tests reads. */
    private static RecordDraft draft(String id, String batch) {
        return new RecordDraft(id, "auditor", "市国资委", 1999, "1999-test", batch, REQUEST, "{\"recorded\":true}");
    }

    @Test
    void theChainNamesARecordChangedBehindTheServicesBack() throws Exception {
        String id = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        evaluate("");
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        String original;
        try (Connection c = dataSource.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT response_json FROM decision_record WHERE id = ?")) {
            read.setString(1, id);
            var rs = read.executeQuery();
            rs.next();
            original = rs.getString(1);
        }
        update(id, original.replace("\"score\":95", "\"score\":100"));
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstMismatch.id", equalTo(id))
                    .body("firstMismatch.reason", containsString("changed after it was stored"));
        } finally {
            update(id, original);
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private void update(String id, String response) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement write = c.prepareStatement("UPDATE decision_record SET response_json = ? WHERE id = ?")) {
            write.setString(1, response);
            write.setString(2, id);
            assertEquals(1, write.executeUpdate());
        }
    }

    /** 市国资委 with one short month, an untrue report (not serious) and D-2.1: total 0.29 (SPEC 3, 4). */
    static final String POINT_TWO_NINE = """
            {"unit": "市国资委", "year": 2016, "findings": [{"code": "D-2.1"}, {"code": "I-2.3", "note": "虚假信息"}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,5]}}""";

    /**
     * Issue 10 section 2, the forge exactly: the last record's response rewritten (0.29 → 2.99), its
     * content_hash and the chain head recomputed and written with SQL, and the checkpoints that named
     * it deleted. Nothing inside the database contradicts the forgery any more, so the plain walk says
     * intact; the checkpoint a person kept says not, and names the record.
     */
    @Test
    void aForgedLastRecordIsCaughtByTheCheckpointAPersonKept() throws Exception {
        evaluate("");
        given().post("/api/v1/audit/checkpoints").then().statusCode(200);
        String answered = given().contentType(ContentType.JSON).body(POINT_TWO_NINE).post("/api/v1/evaluations")
                .then().statusCode(200).body("totalContribution", equalTo(0.29f)).extract().asString();
        String id = io.restassured.path.json.JsonPath.from(answered).getString("evaluationId");
        String kept = given().post("/api/v1/audit/checkpoints").then().statusCode(200)
                .body("keyId", matchesPattern("[0-9a-f]{16}")).extract().asString();
        long keptNumber = io.restassured.path.json.JsonPath.from(kept).getLong("number");
        DecisionRecord original = store.find(id).orElseThrow();
        assertEquals(original.seq(), io.restassured.path.json.JsonPath.from(kept).getLong("recordSeq"), "the kept checkpoint names the last record");

        Forgery forgery = forge(original, original.responseJson().replace("\"totalContribution\":0.29", "\"totalContribution\":2.99"), keptNumber);
        try {
            given().get("/api/v1/evaluations/" + id).then().body("response.totalContribution", equalTo(2.99f));
            given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
            given().contentType(ContentType.JSON).body(kept).post("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("against.signature", equalTo("VALID"))
                    .body("against.extended", equalTo(false))
                    .body("against.changedRecordId", equalTo(id))
                    .body("against.changedFromSeq", equalTo((int) original.seq()))
                    .body("against.reason", containsString(id));
        } finally {
            forgery.undo();
        }
        given().contentType(ContentType.JSON).body(kept).post("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("against.extended", equalTo(true));
    }

    /** Without deleting the checkpoints, the stored ones already contradict the rewrite. */
    @Test
    void storedCheckpointsCatchARewriteOfTheRecordsTheyCover() throws Exception {
        String id = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        long number = given().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath().getLong("number");
        DecisionRecord original = store.find(id).orElseThrow();
        Forgery forgery = forge(original, original.responseJson().replace("\"score\":95", "\"score\":100"), Long.MAX_VALUE);
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstMismatch", org.hamcrest.Matchers.nullValue())
                    .body("checkpointMismatch.number", equalTo((int) number))
                    .body("checkpointMismatch.reason", containsString("was changed after the checkpoint was signed"));
        } finally {
            forgery.undo();
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aKeptCheckpointThatWasAlteredOrSignedByAnotherKeyIsRejected() throws Exception {
        evaluate("");
        var kept = given().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        String altered = """
                {"number": %d, "recordSeq": %d, "headHash": "%s", "takenAt": "%s", "keyId": "%s", "reason": "%s", "signature": "%s"}"""
                .formatted(kept.getLong("number"), kept.getLong("recordSeq") - 1, kept.getString("headHash"), kept.getString("takenAt"),
                        kept.getString("keyId"), kept.getString("reason"), kept.getString("signature"));
        given().contentType(ContentType.JSON).body(altered).post("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false)).body("against.signature", equalTo("INVALID"));
        // A key the person trusts that did not sign it.
        String otherKey = cn.panzhihua.scoring.security.ServiceKey.generate("test").publicKeyPem();
        String withKey = "{\"checkpoint\": " + kept.prettify() + ", \"publicKey\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(otherKey) + "}";
        given().contentType(ContentType.JSON).body(withKey).post("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false)).body("against.signature", equalTo("INVALID"));
        // The service's own public key, as published, verifies it.
        String published = given().get("/api/v1/audit/public-key").then().statusCode(200)
                .body("algorithm", equalTo("Ed25519")).body("keyId", equalTo(kept.getString("keyId")))
                .extract().path("publicKey");
        String withPublished = "{\"checkpoint\": " + kept.prettify() + ", \"publicKey\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(published) + "}";
        given().contentType(ContentType.JSON).body(withPublished).post("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("against.signature", equalTo("VALID"));
        given().contentType(ContentType.JSON).body("{\"number\": 1}").post("/api/v1/audit/verify").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("recordSeq"));
        given().contentType(ContentType.JSON).body(altered.replace(kept.getString("headHash"), "xyz")).post("/api/v1/audit/verify")
                .then().statusCode(400).body("field", equalTo("headHash"));
    }

    @Test
    void aBatchCarriesTheCheckpointSignedInItsTransaction() throws Exception {
        String months = "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}";
        var batch = given().contentType(ContentType.JSON).body("""
                        {"items": [{"unit": "市财政局", "year": 2016, %s}, {"unit": "东区政府", "year": 2016, %s}]}""".formatted(months, months))
                .post("/api/v1/evaluations/batch").then().statusCode(200)
                .body("checkpoint.reason", containsString("batch"))
                .body("checkpoint.signature", notNullValue())
                .extract().jsonPath();
        String lastId = batch.getString("items[1].evaluation.evaluationId");
        long lastSeq = store.find(lastId).orElseThrow().seq();
        assertEquals(lastSeq, batch.getLong("checkpoint.recordSeq"), "the checkpoint covers the batch's last record");
        assertEquals(store.find(lastId).orElseThrow().contentHash(), batch.getString("checkpoint.headHash"));
        given().contentType(ContentType.JSON).body(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(batch.getMap("checkpoint")))
                .post("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true)).body("against.extended", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"items\": [{\"unit\": \"市财政局\", \"year\": 2016, " + months + "}]}")
                .post("/api/v1/evaluations/batch?record=false").then().statusCode(200).body("checkpoint", org.hamcrest.Matchers.nullValue());
        // Numbered without gaps, newest first.
        var page = given().get("/api/v1/audit/checkpoints?size=2").then().statusCode(200).extract().jsonPath();
        assertEquals(page.getLong("items[0].number") - 1, page.getLong("items[1].number"));
        given().get("/api/v1/audit/checkpoints/latest").then().statusCode(200).body("number", equalTo(page.getInt("items[0].number")));
    }

    @Inject
    RecordWriter writer;

    @Inject
    CheckpointSchedule schedule;

    /** The schedule signs a checkpoint when records were added since the last one, and only then. */
    @Test
    void theScheduleSignsOnlyWhenRecordsWereAdded() {
        evaluate("");
        schedule.run();
        var taken = given().get("/api/v1/audit/checkpoints/latest").then().statusCode(200)
                .body("reason", equalTo("schedule")).extract().jsonPath();
        DecisionRecord last = store.search(new RecordFilter(null, null, null, null, null, 0, 1)).items().get(0);
        assertEquals(last.seq(), taken.getLong("recordSeq"));
        assertEquals(last.contentHash(), taken.getString("headHash"));
        schedule.run();
        given().get("/api/v1/audit/checkpoints/latest").then().statusCode(200).body("number", equalTo(taken.getInt("number")));
    }

    @Inject
    ChainVerifier verifier;

    @Inject
    ChainWalks walks;

    /**
     * Issue 24: a look at the chain starts from the newest checkpoint an earlier recorded, signed walk
     * found intact, and recomputes only what was added since; the whole chain is still covered.
     */
    @Test
    void aLookWalksOnlyWhatWasAddedSinceTheLastVerifiedCheckpoint() {
        evaluate("");
        long cp = given().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath().getLong("recordSeq");
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("recorded.anchorSeq", equalTo((int) cp)).body("recorded.verifiedBy", equalTo("auditor"));
        evaluate("");
        evaluate("");
        var look = given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("mode", equalTo("incremental"))
                .extract().jsonPath();
        assertEquals(cp, look.getLong("startedAfterSeq"), "starts at the checkpoint the last walk verified");
        assertEquals(2, look.getLong("recordsWalked"), "walks only the two records added since");
        assertEquals(look.getLong("headSeq"), look.getLong("recordsChecked"), "and covers the whole chain");
        var full = given().get("/api/v1/audit/verify?full=true").then().statusCode(200).body("intact", equalTo(true))
                .body("mode", equalTo("full")).body("startedAfterSeq", equalTo(0)).extract().jsonPath();
        assertEquals(full.getLong("headSeq"), full.getLong("recordsWalked"));
        given().get("/api/v1/audit/verify?full=maybe").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("full")).body("value", equalTo("maybe"));
    }

    /** An edit made after the last verified checkpoint lies in what the next look walks: it is named. */
    @Test
    void aLookCatchesAnEditAfterTheLastVerifiedCheckpoint() throws Exception {
        evaluate("");
        given().post("/api/v1/audit/checkpoints").then().statusCode(200);
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        String id = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        String original = store.find(id).orElseThrow().responseJson();
        update(id, original.replace("\"score\":95", "\"score\":100"));
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(false))
                    .body("mode", equalTo("incremental"))
                    .body("firstMismatch.id", equalTo(id))
                    .body("firstMismatch.reason", containsString("changed after it was stored"));
        } finally {
            update(id, original);
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    /**
     * An edit made before the last verified checkpoint, with the hashes recomputed (what a forger must do,
     * or any walk names the record): the record at the starting checkpoint no longer has the hash that
     * checkpoint signed and the recorded walk found, so the look's own re-check of its starting point
     * says so, before walking, even when the forger deleted the checkpoint (the signed verification
     * names the hash too). An edit that leaves the stored hashes alone is not seen by a look (it does not
     * recompute old records) and is named by the full walk.
     */
    @Test
    void anEditBeforeTheLastVerifiedCheckpointIsCaughtByTheStartsReCheckOrTheFullWalk() throws Exception {
        String id = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        long number = given().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath().getLong("number");
        DecisionRecord original = store.find(id).orElseThrow();
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("recorded.anchorNumber", equalTo((int) number)).body("recorded.anchorSeq", equalTo((int) original.seq()));

        Forgery forgery = forge(original, original.responseJson().replace("\"score\":95", "\"score\":100"), number);
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(false))
                    .body("recordsWalked", equalTo(0))
                    .body("firstMismatch.id", equalTo(id))
                    .body("firstMismatch.reason", containsString("no longer has the hash checkpoint " + number + " signed"));
        } finally {
            forgery.undo();
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        // The hashes left alone: the look does not recompute the old record, the full walk does.
        update(id, original.responseJson().replace("\"score\":95", "\"score\":100"));
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                    .body("startedAfterSeq", equalTo((int) original.seq()));
            given().get("/api/v1/audit/verify?full=true").then().statusCode(200).body("intact", equalTo(false))
                    .body("firstMismatch.id", equalTo(id));
        } finally {
            update(id, original.responseJson());
        }
        given().get("/api/v1/audit/verify?full=true").then().statusCode(200).body("intact", equalTo(true));
    }

    /** A "verified up to here" planted in the table without the service key is not started from, and is named. */
    @Test
    void aPlantedVerificationIsNotStartedFrom() throws Exception {
        evaluate("");
        var head = given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        try (Connection c = dataSource.getConnection()) {
            exec(c, "INSERT INTO chain_verification (mode, started_at, finished_at, verified_by, started_after_seq, records_walked, head_seq, "
                            + "head_hash, anchor_number, anchor_seq, anchor_hash, intact, problem, key_id, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    "full", java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now(), "forger", 0L, 0L, head.getLong("headSeq"),
                    head.getString("headHash"), 999999L, head.getLong("headSeq"), head.getString("headHash"), true, null,
                    head.getString("recorded.keyId"), head.getString("recorded.signature"));
            given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                    .body("recordedProblem", containsString("not signed by a key this service trusts"))
                    .body("startedAfterSeq", org.hamcrest.Matchers.not(equalTo(head.getInt("headSeq"))));
            exec(c, "DELETE FROM chain_verification WHERE verified_by = 'forger'");
        }
    }

    /**
     * At many records: the chain page answers from the recorded verification and the checkpoints, walking
     * nothing (the verifier's count of recomputed records does not move, and an edit made meanwhile is not
     * noticed by the page: it shows the last walk's verdict); full walks run one at a time, requests made
     * meanwhile share it, and a walk that cannot be shared is refused with 429 and Retry-After.
     */
    @Test
    void atManyRecordsThePageWalksNothingAndFullWalksRunOneAtATime() throws Exception {
        int many = 20_000;
        for (int i = 0; i < many; i += 1000) {
            java.util.List<RecordDraft> drafts = new java.util.ArrayList<>();
            for (int j = 0; j < 1000; j++) {
                drafts.add(draft(java.util.UUID.randomUUID().toString(), null));
            }
            store.appendAll(drafts, "test");
        }
        var kept = given().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().asString();
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        long headSeq = store.headSeq();

        // Eight full walks asked for at once: one runs, the others share it (same recorded walk), none is refused.
        long walksBefore = fullWalks();
        int callers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<ChainVerification>> asked = new java.util.ArrayList<>();
        for (int i = 0; i < callers; i++) {
            asked.add(pool.submit(() -> {
                go.await();
                return walks.full("test", headSeq);
            }));
        }
        go.countDown();
        java.util.Set<Long> recorded = new java.util.HashSet<>();
        for (var f : asked) {
            ChainVerification v = f.get(300, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(true, v.intact());
            recorded.add(v.recorded().number());
        }
        pool.shutdown();
        long ran = fullWalks() - walksBefore;
        assertEquals(recorded.size(), ran, "each walk that ran was recorded once");
        org.junit.jupiter.api.Assertions.assertTrue(ran < callers, ran + " walks for " + callers + " requests: they share");

        // While a full walk runs, one judging a kept checkpoint is refused, with when to retry.
        ChainWalks.Run running = walks.startFull("test", headSeq);
        given().contentType(ContentType.JSON).body(kept).post("/api/v1/audit/verify").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", matchesPattern("[1-9][0-9]*"));
        given().get("/api/v1/audit/verify?full=true").then().statusCode(200).body("intact", equalTo(true));
        org.junit.jupiter.api.Assertions.assertTrue(running.done());

        // The page: nothing walked, and the edit below (not yet walked) does not change what it shows.
        DecisionRecord some = store.findBySeq(headSeq - 10).orElseThrow();
        update(some.id(), some.responseJson().replace("true", "false"));
        try {
            long hashed = verifier.recordsHashed();
            String page = given().get("/console/chain").then().statusCode(200).extract().asString();
            assertEquals(hashed, verifier.recordsHashed(), "the page recomputed no record");
            org.junit.jupiter.api.Assertions.assertTrue(page.contains("记录链完整") && page.contains(headSeq + " 条"), page);
            given().get("/api/v1/audit/verify?full=true").then().statusCode(200).body("intact", equalTo(false))
                    .body("firstMismatch.id", equalTo(some.id()));
            org.junit.jupiter.api.Assertions.assertTrue(verifier.recordsHashed() > hashed, "the counter does count walks");
            given().get("/console/chain").then().statusCode(200).body(containsString("记录链不完整"));
        } finally {
            update(some.id(), some.responseJson());
        }
        given().get("/api/v1/audit/verify?full=true").then().statusCode(200).body("intact", equalTo(true));
    }

    private long fullWalks() throws Exception {
        try (Connection c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM chain_verification WHERE mode = 'full'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A stored checkpoint altered in the database (its signature no longer fits) or removed is named by the plain walk. */
    @Test
    void anAlteredOrRemovedStoredCheckpointIsNamed() throws Exception {
        evaluate("");
        var cp = given().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        long number = cp.getLong("number");
        try (Connection c = dataSource.getConnection()) {
            exec(c, "UPDATE audit_checkpoint SET reason = ? WHERE number = ?", "edited", number);
            try {
                given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(false))
                        .body("checkpointMismatch.number", equalTo((int) number))
                        .body("checkpointMismatch.reason", containsString("signature does not verify"));
            } finally {
                exec(c, "UPDATE audit_checkpoint SET reason = ? WHERE number = ?", cp.getString("reason"), number);
            }
            exec(c, "DELETE FROM audit_checkpoint WHERE number = ?", number);
            try {
                given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(false))
                        .body("checkpointMismatch.number", equalTo((int) number))
                        .body("checkpointMismatch.reason", containsString("removed"));
            } finally {
                exec(c, "INSERT INTO audit_checkpoint (number, record_seq, head_hash, taken_at, key_id, reason, signature) VALUES (?,?,?,?,?,?,?)",
                        number, cp.getLong("recordSeq"), cp.getString("headHash"),
                        java.time.OffsetDateTime.ofInstant(java.time.Instant.parse(cp.getString("takenAt")), java.time.ZoneOffset.UTC),
                        cp.getString("keyId"), cp.getString("reason"), cp.getString("signature"));
            }
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    /**
     * Issue 15: appends that arrive while a transaction holds the chain head go together into the
     * next one (here the head is held by the test, so every caller queues), each linked to the one
     * before; one bad append (a duplicate id) fails alone; every caller gets its own records back.
     */
    @Test
    void appendsArrivingDuringACommitAreStoredTogetherInTheNextOne() throws Exception {
        String existing = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        int callers = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers + 1);
        java.util.List<java.util.concurrent.Future<Append.Stored>> results = new java.util.ArrayList<>();
        java.util.concurrent.Future<Append.Stored> bad;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT last_seq FROM chain_head WHERE id = 1 FOR UPDATE").close();
            // The bad append first: the writer takes it alone and waits for the lock; the others queue behind it.
            bad = pool.submit(() -> writer.write(new Append(java.util.List.of(draft(existing, null)), null), "test"));
            Thread.sleep(150);
            for (int i = 0; i < callers; i++) {
                java.util.List<RecordDraft> drafts = i == 5
                        ? java.util.List.of(draft(java.util.UUID.randomUUID().toString(), null), draft(java.util.UUID.randomUUID().toString(), null))
                        : java.util.List.of(draft(java.util.UUID.randomUUID().toString(), null));
                results.add(pool.submit(() -> writer.write(new Append(drafts, null), "test")));
            }
            Thread.sleep(300);
            holder.commit();
        }
        java.util.concurrent.ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> bad.get(30, java.util.concurrent.TimeUnit.SECONDS));
        org.junit.jupiter.api.Assertions.assertInstanceOf(RecordsUnavailableException.class, failure.getCause());
        java.util.List<DecisionRecord> stored = new java.util.ArrayList<>();
        for (var result : results) {
            stored.addAll(result.get(30, java.util.concurrent.TimeUnit.SECONDS).records());
        }
        pool.shutdown();
        stored.sort(java.util.Comparator.comparingLong(DecisionRecord::seq));
        assertEquals(callers + 1, stored.size());
        for (int i = 1; i < stored.size(); i++) {
            assertEquals(stored.get(i - 1).seq() + 1, stored.get(i).seq(), "gap-free");
            assertEquals(stored.get(i - 1).contentHash(), stored.get(i).previousHash(), "each linked to the one before");
        }
        for (DecisionRecord r : stored) {
            assertEquals(r, store.find(r.id()).orElseThrow(), "each caller got back its record as stored");
        }
        long transactions = stored.stream().map(DecisionRecord::recordedAt).distinct().count();
        org.junit.jupiter.api.Assertions.assertTrue(transactions <= 2, "the queued appends shared transactions: " + transactions
                + " transactions for " + stored.size() + " records");
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    /** A record rewritten and re-hashed with SQL, the chain head moved with it, later checkpoints deleted; undone after. */
    private Forgery forge(DecisionRecord original, String forgedResponse, long deleteCheckpointsFrom) throws Exception {
        org.junit.jupiter.api.Assertions.assertNotEquals(original.responseJson(), forgedResponse, "the forgery changes the response");
        DecisionRecord forged = new DecisionRecord(original.id(), original.seq(), original.recordedAt(), original.recordedBy(), original.unit(),
                original.year(), original.rulebookVersion(), original.serviceVersion(), original.batchId(), original.requestJson(),
                forgedResponse, original.previousHash(), null, original.hashFormat(), null);
        String digest = CanonicalContent.digest(forged.canonicalContent());
        String hash = CanonicalContent.link(original.previousHash(), digest);
        java.util.List<Object[]> deleted = new java.util.ArrayList<>();
        long headSeq;
        String headHash;
        long lastCheckpoint;
        try (Connection c = dataSource.getConnection()) {
            try (var rs = c.createStatement().executeQuery("SELECT last_seq, last_hash, last_checkpoint FROM chain_head")) {
                rs.next();
                headSeq = rs.getLong(1);
                headHash = rs.getString(2);
                lastCheckpoint = rs.getLong(3);
            }
            exec(c, "UPDATE decision_record SET response_json = ?, content_digest = ?, content_hash = ? WHERE id = ?", forgedResponse, digest, hash, original.id());
            if (headSeq == original.seq()) {
                exec(c, "UPDATE chain_head SET last_hash = ?", hash);
            }
            if (deleteCheckpointsFrom != Long.MAX_VALUE) {
                try (PreparedStatement select = c.prepareStatement("SELECT number, record_seq, head_hash, taken_at, key_id, reason, signature "
                        + "FROM audit_checkpoint WHERE number >= ?")) {
                    select.setLong(1, deleteCheckpointsFrom);
                    var rs = select.executeQuery();
                    while (rs.next()) {
                        deleted.add(new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, java.time.OffsetDateTime.class),
                                rs.getString(5), rs.getString(6), rs.getString(7)});
                    }
                }
                exec(c, "DELETE FROM audit_checkpoint WHERE number >= ?", deleteCheckpointsFrom);
                exec(c, "UPDATE chain_head SET last_checkpoint = ?", deleteCheckpointsFrom - 1);
            }
        }
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                exec(c, "UPDATE decision_record SET response_json = ?, content_digest = ?, content_hash = ? WHERE id = ?",
                        original.responseJson(), original.contentDigest(), original.contentHash(), original.id());
                exec(c, "UPDATE chain_head SET last_hash = ? WHERE last_seq = ?", headHash, headSeq);
                for (Object[] row : deleted) {
                    exec(c, "INSERT INTO audit_checkpoint (number, record_seq, head_hash, taken_at, key_id, reason, signature) VALUES (?,?,?,?,?,?,?)", row);
                }
                if (!deleted.isEmpty()) {
                    exec(c, "UPDATE chain_head SET last_checkpoint = ?", lastCheckpoint);
                }
            }
        };
    }

    interface Forgery {
        void undo() throws Exception;
    }

    private static void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    static long total(String unit) {
        return given().get("/api/v1/evaluations" + (unit == null ? "" : "?unit=" + unit)).then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }
}
