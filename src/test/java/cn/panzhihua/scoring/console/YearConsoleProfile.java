package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.campaign.CampaignProfile;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * The assessment year's settings (a data folder of its own, a unit user u01 … u72 for every unit of
 * table C besides the dev users caizheng, dongqu and beijing), one application per test class: a
 * year is opened once per database.
 */
public class YearConsoleProfile extends CampaignProfile {

    static final String Y = "/api/v1/campaigns/2016";
    /** 12 months of 8 submissions, nothing adopted, no finding: information 20 (SPEC sections 2–4). */
    static final String CLEAN = "{\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}";

    /** For the access matrix. */
    public static class Access extends YearConsoleProfile {
    }

    /** For the walk in Chromium. */
    public static class Walk extends YearConsoleProfile {
    }

    /** The units of the 2016 table C in file order: user u01 is the first. */
    static List<String> units() {
        try {
            List<String> units = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("rules-drl/2016/units.tsv"), StandardCharsets.UTF_8)) {
                if (!line.startsWith("#") && !line.startsWith("name\t") && !line.isBlank()) {
                    units.add(line.split("\t")[0]);
                }
            }
            return units;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String userOf(String unit) {
        return String.format("u%02d", units().indexOf(unit) + 1);
    }

    /** The office records facts through the API (the console has no facts form): every unit clean but {@code except}. */
    static void cleanFacts(String except) {
        for (String unit : units()) {
            if (!unit.equals(except)) {
                given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body(CLEAN)
                        .put(Y + "/units/" + unit + "/facts").then().statusCode(200);
            }
        }
    }
}
