package cn.panzhihua.scoring.impact;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static cn.panzhihua.scoring.impact.ImpactContract.At;
import static cn.panzhihua.scoring.impact.ImpactContract.assertDecimal;
import static cn.panzhihua.scoring.impact.ImpactContract.clause;
import static cn.panzhihua.scoring.impact.ImpactContract.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23 §1: who next year's rulebook moves. A 2017 folder is made in the test from 2016 as an author
 * would make it (year, 《攀政快讯》 4 → 5 points, a new unit, one unit less), never served, and this
 * year's records are scored under it with their dates carried into 2017.
 */
@QuarkusTest
@TestProfile(CrossYearImpactTest.Rules.class)
@TestSecurity(user = "author", roles = {"rule-author", "evaluator"})
class CrossYearImpactTest {

    /** A scratch rules folder with 2016 only; the test adds 2017 beside it after the start, unserved. */
    public static class Rules implements QuarkusTestProfile {
        static final Path DIR;

        static {
            try {
                DIR = Files.createTempDirectory("rules-cross-year-");
                copy(Path.of("rules-drl/2016"), DIR.resolve("2016"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rules.dir", DIR.toString(), "rules.watch.enabled", "false");
        }
    }

    private final Path y2017 = Rules.DIR.resolve("2017");

    @AfterEach
    void removeTheYear() throws IOException {
        delete(y2017);
    }

    /** 2017 as an author starts it: 2016 copied, its year named, 《攀政快讯》 at 5, 市大数据中心 added, 市档案局 gone. */
    private void make2017() throws IOException {
        delete(y2017);
        copy(Rules.DIR.resolve("2016"), y2017);
        edit("rulebook.properties", s -> s.replace("year=2016", "year=2017").replace("title=2016年", "title=2017年"));
        edit("channels.tsv", s -> s.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t")
                .replace("《攀政快讯》采用 1 条信息计 4 分", "《攀政快讯》采用 1 条信息计 5 分"));
        edit("units.tsv", s -> s.replace("市档案局\tMUNICIPAL_DEPARTMENT\t24\t0\tyes\tyes\t\n", "")
                + "市大数据中心\tMUNICIPAL_DEPARTMENT\t24\t0\tyes\tyes\t\n");
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        Path path = y2017.resolve(file);
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertNotEquals(before, after, file + " did not change");
        Files.writeString(path, after, StandardCharsets.UTF_8);
    }

    /** The three units of the 2016 example and 市档案局 (8 a month, no adoptions: information 20 → 0.60). */
    private static String population() {
        return ImpactContract.batch(String.join(",",
                "{\"unit\": \"市人防办\", \"year\": 2016, \"information\": {" + ImpactContract.months() + ", \"adoptions\": "
                        + ImpactContract.adoptions("CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN") + "}}",
                "{\"unit\": \"市烤烟办\", \"year\": 2016, \"information\": {" + ImpactContract.months() + ", \"adoptions\": "
                        + ImpactContract.adoptions("CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN") + "}}",
                "{\"unit\": \"市邮政管理局\", \"year\": 2016, \"information\": {" + ImpactContract.months() + ", \"adoptions\": "
                        + ImpactContract.adoptions("CITY_BULLETIN_SPECIAL", "CITY_BULLETIN_SPECIAL", "CITY_BULLETIN") + "}}",
                "{\"unit\": \"市档案局\", \"year\": 2016, \"information\": {" + ImpactContract.months() + "}}"));
    }

    @Test
    void next_yearsRulebookMovesWhoItShould() throws IOException {
        String batch = population();
        make2017();
        JsonPath impact = JsonPath.from(given().contentType(ContentType.JSON).body("{}").queryParam("batch", batch)
                .queryParam("candidate", "2017").post("/api/v1/impact/2016").then().statusCode(200).extract().asString());
        assertEquals(2016, impact.getInt("year"));
        assertEquals(2017, impact.getInt("candidateYear"));
        assertTrue(impact.getString("candidateVersion").startsWith("2017-"), impact.getString("candidateVersion"));
        assertNull(impact.get("differingFiles"), "no rulebook of 2017 serves: nothing to differ from");
        // 市档案局 is not in 2017's units: dropped, not evaluated, with what 2016 stored for it (20 × 3 / 100 = 0.60).
        assertEquals(1, impact.getInt("dropped"));
        assertEquals("市档案局", impact.getString("droppedUnits[0].unit"));
        assertDecimal("0.6", impact.get("droppedUnits[0].stored.total"));
        // 市大数据中心 is new: listed, without records.
        assertEquals(List.of("市大数据中心"), impact.getList("newUnits.unit"));
        assertEquals("市级部门", impact.getString("newUnits[0].categoryName"));
        // The adoptions of 2016-01-15 … were carried to 2017-01-15 …: nothing rejected as outside the year.
        assertEquals(0, impact.getInt("rejected"));
        assertEquals(3, impact.getInt("evaluated"));
        // As in 2016's own draft: 市烤烟办 4 × 5 = 20 of 24 (83.3%) → tier 70 → I-3 56, information 76 → 2.28 (was 1.80);
        // 市人防办 30 ≥ 24 (still 80) and 市邮政管理局 21 (still tier 70): their tallies move, not their scores.
        assertEquals(1, impact.getInt("scoreChanged"));
        assertEquals(2, impact.getInt("trailOnlyChanged"));
        At kaoyan = unit(impact, "市烤烟办");
        assertDecimal("1.8", kaoyan.get("before.total"));
        assertDecimal("2.28", kaoyan.get("after.total"));
        assertDecimal("16", clause(kaoyan, "I-3", "TIER MUNICIPAL").get("delta"));
        // Ranked among the three evaluated both times (市档案局 neither time): 3.00, 2.28, 1.80 → 3.00, 2.28, 2.28.
        assertEquals(3, impact.getInt("ranked"));
        assertEquals(1, impact.getInt("rankChanged"));
        assertEquals(3, kaoyan.getInt("before.rank"));
        assertEquals(2, kaoyan.getInt("after.rank"));
        assertDecimal("6", clause(unit(impact, "市人防办"), "I-3", "TALLY MUNICIPAL").get("delta"));
        // 2017's scenarios still expect 4 points: the gate would reject the folder as it stands, and says so beside the numbers.
        assertEquals(false, impact.getBoolean("gate.passed"));
        assertTrue(impact.getList("gate.failedScenarios").size() > 0);
    }

    @Test
    void aDraftOfNextYearReplacesFilesOfItsFolder() throws IOException {
        String batch = population();
        make2017();
        // The author tries 6 points instead of 5 without saving: 4 × 6 = 24 of 24 → tier 100 → 80, information 100 → 3.00.
        String channels = Files.readString(y2017.resolve("channels.tsv"), StandardCharsets.UTF_8)
                .replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t6\t")
                .replace("《攀政快讯》采用 1 条信息计 5 分", "《攀政快讯》采用 1 条信息计 6 分");
        JsonPath impact = JsonPath.from(given().contentType(ContentType.JSON).body(Map.of("files", Map.of("channels.tsv", channels)))
                .queryParam("batch", batch).queryParam("candidate", "2017").post("/api/v1/impact/2016")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("channels.tsv"), impact.getList("replacedFiles"));
        At kaoyan = unit(impact, "市烤烟办");
        assertDecimal("3", kaoyan.get("after.total"));
        // 市邮政管理局: 2 × 8 + 6 = 22 of 24 (91.7%) → still tier 70 → 2.28. Ranks 1, 3, 2 before (3.00, 1.80, 2.28);
        // 1, 1, 3 after (3.00, 3.00, 2.28): 市烤烟办 3 → 1 and 市邮政管理局 2 → 3.
        assertDecimal("2.28", unit(impact, "市邮政管理局").get("after.total"));
        assertEquals(1, kaoyan.getInt("after.rank"));
        assertEquals(3, unit(impact, "市邮政管理局").getInt("after.rank"));
        assertEquals(1, impact.getInt("scoreChanged"));
        assertEquals(2, impact.getInt("rankChanged"));
    }

    @Test
    void aCandidateYearWithoutAFolderOrMalformedIsAProblem() {
        given().contentType(ContentType.JSON).body("{}").queryParam("candidate", "2019").post("/api/v1/impact/2016")
                .then().statusCode(404).contentType("application/problem+json").body("field", equalTo("candidate"));
        given().contentType(ContentType.JSON).body("{}").queryParam("candidate", "next").post("/api/v1/impact/2016")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("candidate"))
                .body("value", equalTo("next"));
        given().contentType(ContentType.JSON).body("{}").queryParam("candidate", "2036").post("/api/v1/impact/2016")
                .then().statusCode(400).body("field", equalTo("candidate"));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
