package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.authoring.RulebookTool;
import cn.panzhihua.scoring.evaluation.DifferentialTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, "done when": a 2017 rulebook made from 2016 by a rule author, with no Java edit, as the
 * docs/rules-layout.md walks through it: 《攀政快讯》 4 → 5 points, the monthly minimum of 附件1 and 附件3 6 → 7, a
 * new channel, a new category with a unit, a new deduction line. The command-line tool shows what
 * changed, the approve mode rewrites exactly those values (after the author moved the scenarios
 * it flags back onto their boundaries), the tool passes, and the running service serves it on a
 * reload, beside the unchanged 2016.
 */
@QuarkusTest
@TestProfile(EditableRulesProfile.class)
@TestSecurity(user = "author", roles = {"rule-author", "evaluator"})
class Rulebook2017WalkthroughTest {

    private static final ObjectMapper MAPPER = JsonSetup.mapper();
    private final Path y2017 = EditableRulesProfile.RULES.resolve("2017");
    private final Set<Path> written = new LinkedHashSet<>();

    @AfterEach
    void removeTheYear() throws IOException {
        EditableRulesProfile.delete(y2017);
    }

    @Test
    void a2017RulebookWithANewChannelCategoryAndLineServesWithoutAJavaEdit() throws Exception {
        // 1. Copy 2016, name the year, move the scenarios' dates a year on.
        EditableRulesProfile.delete(y2017);
        EditableRulesProfile.copy(EditableRulesProfile.PRISTINE.resolve("2016"), y2017);
        edit("rulebook.properties", s -> s.replace("year=2016", "year=2017").replace("title=2016年", "title=2017年")
                .replace("document=攀办函〔2016〕104号", "document=（2017 年考核文件）"));
        try (Stream<Path> files = Files.walk(y2017)) {
            for (Path scenarios : files.filter(p -> p.toString().endsWith(".scenarios.json")).toList()) {
                if (Files.readString(scenarios).contains("\"2016-")) { // latest year first: 2017 dates test "outside the year"
                    edit(y2017.relativize(scenarios).toString(), s -> s.replace("\"2017-", "\"2018-").replace("\"2016-", "\"2017-")
                            .replace("\"2015-", "\"2016-"));
                }
            }
        }
        // 2. 《攀政快讯》 earns 5 instead of 4: its row of channels.tsv.
        edit("channels.tsv", s -> s.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t")
                .replace("《攀政快讯》采用 1 条信息计 4 分", "《攀政快讯》采用 1 条信息计 5 分"));
        // 3. The monthly minimum of 附件1 and 附件3 is 7: tables.tsv, and the rule's name and quote.
        edit("tables.tsv", s -> s.replace("攀枝花市市级政务信息工作考评表\t考核指标\t6", "攀枝花市市级政务信息工作考评表\t考核指标\t7")
                .replace("钒钛高新区管委会政务信息工作考评表\t考核指标\t6", "钒钛高新区管委会政务信息工作考评表\t考核指标\t7"));
        edit("information/reporting.drl", s -> s.replace("不足6条", "不足7条").replace("不少于 6 条", "不少于 7 条").replace("不足 6 条", "不足 7 条"));
        // 4. A new channel: a row of channels.tsv (its points and its leader-instruction bonus) and a scenario.
        edit("channels.tsv", s -> s + "CITY_WECHAT\tI-3\tMUNICIPAL\t3\tno\t-\t10\tMUNICIPAL\t“攀枝花发布”微信公众号采用（市级；获市级及以上领导批示加10分）"
                + "\t2017年政务信息采用计分标准 一、市级信息采用计分标准（五）\t“攀枝花发布”微信公众号采用 1 条信息计 3 分\t\n");
        addScenario("information/adoption.scenarios.json", """
                {"name": "CITY_WECHAT “攀枝花发布”微信公众号采用1条计3分, 获市级领导批示加10分: 市人防办 (市级24) 3 + 10 = 13, 13/24 = 54.17% → 50% × 80 = 40; score 60 → 1.8",
                 "given": {"unit": "市人防办", "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8],
                   "adoptions": [{"channel": "CITY_WECHAT", "date": "2017-03-01", "leaderInstruction": "MUNICIPAL"}]}},
                 "expect": {"values": {"information.adoption.municipal.earned": 13, "information.adoption.municipal.tier": 50,
                   "information.items[I-3]": 40, "information.score": 60, "information.contribution": 1.8},
                   "points": {"I-3": -27}}}""");
        // 5. A new category, its units assessed on efficiency and information (附件1), not disclosure, and one unit of it.
        edit("categories.tsv", s -> s + "STATE_OWNED_ENTERPRISE\t市属国有企业\tno\tyes\t附件1\n");
        edit("rulebook.properties", s -> s.replace("units.count=72", "units.count=73"));
        edit("units.tsv", s -> s + "市国投集团\tSTATE_OWNED_ENTERPRISE\t40\t0\tno\tyes\t2017 年新纳入考核\n");
        addScenario("efficiency/table.scenarios.json", """
                {"name": "STATE_OWNED_ENTERPRISE 市国投集团: efficiency and information, no disclosure; E-5 → 90 → −0.2; information 20 → 0.6; total 0.4",
                 "given": {"unit": "市国投集团", "findings": [{"code": "E-5"}]},
                 "expect": {"values": {"category": "STATE_OWNED_ENTERPRISE", "disclosure.applicable": false, "efficiency.score": 90,
                   "efficiency.contribution": -0.2, "information.score": 20, "information.contribution": 0.6, "totalContribution": 0.4}}}""");
        addScenario("efficiency/table.scenarios.json", """
                {"name": "STATE_OWNED_ENTERPRISE 市国投集团 is not assessed on disclosure: D-1.1 is rejected",
                 "given": {"unit": "市国投集团", "findings": [{"code": "D-1.1"}]},
                 "expect": {"error": {"status": 400, "field": "findings[0].code"}}}""");
        // 6. A new deduction line on 载体建设: a row of clauses.tsv, a rule, a scenario.
        edit("clauses.tsv", s -> s.replace("D-4.4\tDISCLOSURE\tD-4\tLINE\tfinding\t-5\tonce\t未充分利用发布会、报刊等多种渠道公开\n",
                "D-4.4\tDISCLOSURE\tD-4\tLINE\tfinding\t-5\tonce\t未充分利用发布会、报刊等多种渠道公开\n"
                        + "D-4.5\tDISCLOSURE\tD-4\tLINE\tfinding\t-2.5\tonce\t政务新媒体未按规定备案\n"));
        edit("disclosure/carriers.drl", s -> s + """

                rule "D-4.5 政务新媒体未按规定备案"
                    @clause("D-4.5")
                    @source("2017年政务（信息）公开工作考核细则 附件 考评表 序号4 载体建设 第5条")
                    @text("政务新媒体未按规定备案（扣 2.5 分）")
                when
                    $line : Line(code == "D-4.5")
                    accumulate( $f : Finding(code == "D-4.5", count > 0); $found : collectList($f); $found.size() > 0 )
                then
                    insertLogical(new Deduction($line, $line.points(), Evidence.of($found)));
                end
                """);
        addScenario("disclosure/carriers.scenarios.json", """
                {"name": "D-4.5 政务新媒体未按规定备案 扣2.5分: 市财政局 D-4 = 17.5, score 97.5 → −0.05",
                 "given": {"unit": "市财政局", "findings": [{"code": "D-4.5", "note": "政务微信未备案"}]},
                 "expect": {"values": {"disclosure.items[D-4]": 17.5, "disclosure.score": 97.5, "disclosure.contribution": -0.05},
                   "fired": ["D-4.5", "D-CONV"], "points": {"D-4.5": -2.5}}}""");

        // The tool: the scenarios that expected the old numbers fail, with what changed.
        Run first = tool("test", y2017.toString());
        assertEquals(1, first.code(), first.output());
        assertTrue(first.output().contains("information.adoption.municipal.earned: expected 4, actual 5"), first.output());

        // Approve, shown: old → new per scenario, and what approve will not decide.
        Run shown = tool("test", y2017.toString(), "--approve");
        assertTrue(shown.output().contains("information.adoption.municipal.earned: 4 → 5"), shown.output());
        assertTrue(shown.output().contains("only-municipal portion at exactly 50%"), shown.output());
        assertTrue(shown.output().contains("boundary information.adoption.municipal.completion: this scenario sits at 0.5, now 0.625"),
                shown.output());
        assertTrue(shown.output().contains("附件1 exactly 6 every month") && shown.output().contains("re-read"), shown.output());
        // Scenarios on a tier's edge are not moved off it by approve: the 100% and the exact-70% ones are listed for the author.
        String blocked = shown.output().substring(shown.output().indexOf("not approvable, look at these by hand:"));
        for (String name : List.of("only a municipal task, completed: 市人防办", "only-municipal portion, mass organisation completed",
                "tier on the exact ratio: 市发展改革委", "钒钛高新区管委会 (市级120, 省级9)")) {
            assertTrue(blocked.contains(name), name + " in\n" + shown.output());
        }
        assertTrue(blocked.contains("this scenario sits at 0.7, now 0.7083"), shown.output());
        // Names that work the old numbers out are listed too: approve rewrites values, never prose.
        assertTrue(shown.output().contains("its name says 78, which was information.adoption.municipal.earned and is now 79"), shown.output());

        // The author moves the flagged scenarios back onto what they test (by hand, as docs/rules-layout.md says).
        editScenario("information/adoption-tiers.scenarios.json", "exactly 100%: 市财政局", s -> {
            s.put("name", "exactly 100%: 市财政局 8 specials + 2 bulletins + 2 WeChat = 64 + 10 + 6 = 80 = 80/80 → 64; 省级 2 晨讯 = 6 = 6/6 → 16; I-3 = 80, score 100, contribution 3; trail: 14 tallies + 2 tiers");
            channels(s, 8, "CITY_WECHAT", null).accept(s);
            channels(s, 9, "CITY_WECHAT", null).accept(s);
        });
        editScenario("information/adoption-tiers.scenarios.json", "only-municipal portion at exactly 70%", s -> {
            s.put("name", "only-municipal portion at exactly 70%: 市总工会 2 bulletins + 2 dailies = 10 + 4 = 14, 14/20 = 0.7 → 70% × 80 = 56; score 76, contribution 2.28");
            channels(s, 2, "CITY_DAILY_BRIEF", 102).accept(s);
        });
        editScenario("information/adoption-tiers.scenarios.json", "only-municipal portion at exactly 50%", s -> {
            s.put("name", "only-municipal portion at exactly 50%: 市人防办 2 bulletins + 1 daily = 10 + 2 = 12, 12/24 = 0.5 → 50% × 80 = 40; score 60, contribution 1.8");
            channels(s, 2, "CITY_DAILY_BRIEF", 1).accept(s);
        });
        editScenario("information/adoption-tiers.scenarios.json", "only a municipal task, completed: 市人防办", s -> {
            s.put("name", "only a municipal task, completed: 市人防办 4 bulletins + 2 dailies = 20 + 4 = 24, 24/24 = 100% → the whole 80; I-3 = 80, score 100, contribution 3");
            channels(s, 4, "CITY_DAILY_BRIEF", 11).accept(s);
            channels(s, 5, "CITY_DAILY_BRIEF", 12).accept(s);
        });
        editScenario("information/adoption-tiers.scenarios.json", "only-municipal portion, mass organisation completed", s -> {
            s.put("name", "only-municipal portion, mass organisation completed: 市总工会 3 bulletins + 1 WeChat + 1 daily = 15 + 3 + 2 = 20 = 100% → 80; score 100, contribution 3");
            channels(s, 3, "CITY_WECHAT", null).accept(s);
            channels(s, 4, "CITY_DAILY_BRIEF", 13).accept(s);
        });
        for (String exactSeventy : List.of("tier on the exact ratio: 市发展改革委", "钒钛高新区管委会 (市级120, 省级9)")) {
            editScenario("information/adoption-tiers.scenarios.json", exactSeventy, s -> {
                s.put("name", s.get("name").asText().replace("10 specials + 1 bulletin", "8 specials + 4 bulletins = 64 + 20"));
                channels(s, 8, "CITY_BULLETIN", null).accept(s);
                channels(s, 9, "CITY_BULLETIN", null).accept(s);
                ((ArrayNode) s.get("given").get("information").get("adoptions")).insert(10,
                        MAPPER.createObjectNode().put("channel", "CITY_BULLETIN").put("date", "2017-02-20"));
            });
        }
        editScenario("information/reporting.scenarios.json", "附件1 exactly 6 every month", s -> {
            s.put("name", "附件1 exactly 7 every month (不少于7条) does not deduct: I-2.1 5, score 20 → 0.6");
            ArrayNode months = ((ObjectNode) s.get("given").get("information")).putArray("monthlySubmissions");
            for (int m = 0; m < 12; m++) {
                months.add(7);
            }
        });
        Map<String, JsonNode> beforeWrite = scenarios();

        // Approve, written: exactly the values that changed, and the tool passes.
        Run approved = tool("test", y2017.toString(), "--approve", "--write");
        assertEquals(0, approved.code(), approved.output());
        assertTrue(approved.output().contains("PASSED"), approved.output());
        assertEquals(expectedRewrites(approved.output()), differences(beforeWrite, scenarios()),
                "approve rewrote exactly the values it showed");
        assertEquals(0, tool("test", y2017.toString()).code());

        // No Java file was edited: everything written is in the 2017 folder.
        assertTrue(written.stream().allMatch(p -> p.startsWith(y2017)), written.toString());

        // The service serves it on a reload (or the watcher has already, and the reload says so), beside the unchanged 2016.
        io.restassured.path.json.JsonPath reload = given().post("/api/v1/rulebooks/2017/reload").then().statusCode(200)
                .body("version", startsWith("2017-")).extract().jsonPath();
        String version = reload.getString("version");
        assertTrue(reload.getString("status").equals("SWAPPED")
                || reload.getString("status").equals("UNCHANGED") && reload.getString("note").contains("swapped in by the watcher"), reload.prettify());
        evaluate("""
                {"unit": "市人防办", "year": 2017, "information": {"monthlySubmissions": [7,7,7,7,7,7,7,7,7,7,7,7],
                 "adoptions": [{"channel": "CITY_BULLETIN", "date": "2017-02-01"}, {"channel": "CITY_WECHAT", "date": "2017-03-01", "leaderInstruction": "MUNICIPAL"}]}}""")
                .body("rulebookVersion", equalTo(version))
                .body("information.adoption.municipal.earned", equalTo(18))          // 5 + 3 + 10
                .body("information.items.find { it.code == 'I-2.1' }.score", equalTo(5)) // 7 a month is enough in 2017
                .body("information.score", equalTo(76));                             // 18/24 = 75% → 70% of 80 = 56; 20 + 56
        evaluate("""
                {"unit": "市国投集团", "year": 2017, "findings": [{"code": "D-4.5"}], "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""", 400);
        evaluate("""
                {"unit": "市财政局", "year": 2017, "findings": [{"code": "D-4.5"}], "information": {"monthlySubmissions": [6,7,7,7,7,7,7,7,7,7,7,7]}}""")
                .body("disclosure.items.find { it.code == 'D-4' }.score", equalTo(17.5f))
                .body("information.items.find { it.code == 'I-2.1' }.score", equalTo(3));
        evaluate("""
                {"unit": "市财政局", "year": 2016, "information": {"monthlySubmissions": [6,6,6,6,6,6,6,6,6,6,6,6],
                 "adoptions": [{"channel": "CITY_BULLETIN", "date": "2016-02-01"}]}}""")
                .body("rulebookVersion", startsWith("2016-"))
                .body("information.adoption.municipal.earned", equalTo(4))
                .body("information.items.find { it.code == 'I-2.1' }.score", equalTo(5));

        // And the plain-Java rubric of the differential test, reading 2017's tables, agrees with its rules.
        assertEquals(List.of(), DifferentialTest.agree(RulebookLoader.load(y2017), 300));
    }

    private io.restassured.response.ValidatableResponse evaluate(String body) {
        return evaluate(body, 200);
    }

    private io.restassured.response.ValidatableResponse evaluate(String body, int status) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations?record=false").then().statusCode(status);
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        Path path = y2017.resolve(file);
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertFalse(before.equals(after), "the edit of " + file + " changed nothing");
        Files.writeString(path, after, StandardCharsets.UTF_8);
        written.add(path);
    }

    private void addScenario(String file, String scenario) throws IOException {
        Path path = y2017.resolve(file);
        ObjectNode root = (ObjectNode) MAPPER.readTree(path.toFile());
        ((ArrayNode) root.get("scenarios")).add(MAPPER.readTree(scenario));
        Files.writeString(path, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
        written.add(path);
    }

    private void editScenario(String file, String name, Consumer<ObjectNode> change) throws IOException {
        Path path = y2017.resolve(file);
        ObjectNode root = (ObjectNode) MAPPER.readTree(path.toFile());
        boolean found = false;
        for (JsonNode scenario : root.get("scenarios")) {
            if (scenario.path("name").asText().startsWith(name)) {
                change.accept((ObjectNode) scenario);
                found = true;
            }
        }
        assertTrue(found, name);
        Files.writeString(path, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
        written.add(path);
    }

    /** Changes the channel of the scenario's n-th adoption (and gives it an issue). */
    private static Consumer<ObjectNode> channels(ObjectNode scenario, int n, String channel, Integer issue) {
        return s -> {
            ObjectNode adoption = (ObjectNode) s.get("given").get("information").get("adoptions").get(n);
            adoption.put("channel", channel);
            if (issue != null) {
                adoption.put("issue", issue);
            }
        };
    }

    /** Every expected value and point sum of every scenario, by "file :: scenario :: section path". */
    private Map<String, JsonNode> scenarios() throws IOException {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(y2017)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".scenarios.json")).sorted().toList()) {
                for (JsonNode scenario : MAPPER.readTree(file.toFile()).get("scenarios")) {
                    for (String section : List.of("values", "points")) {
                        for (Map.Entry<String, JsonNode> value : scenario.path("expect").path(section).properties()) {
                            all.put(scenario.get("name").asText() + " :: " + (section.equals("values") ? "" : section + " ") + value.getKey(),
                                    value.getValue());
                        }
                    }
                }
            }
        }
        return all;
    }

    private static List<String> differences(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((key, value) -> {
            JsonNode old = before.get(key);
            boolean same = old != null && (old.isNumber() && value.isNumber() ? old.decimalValue().compareTo(value.decimalValue()) == 0 : old.equals(value));
            if (!same) {
                changed.add(key);
            }
        });
        assertEquals(before.keySet(), after.keySet(), "approve adds and removes nothing");
        return changed;
    }

    /** What the approve output said it would rewrite: each "path: old → new" under its scenario. */
    private static List<String> expectedRewrites(String output) {
        List<String> expected = new ArrayList<>();
        String scenario = null;
        for (String line : output.substring(output.indexOf("approve: "), output.indexOf("rewrote ")).split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("      ") && line.contains(" :: ")) {
                scenario = line.substring(line.indexOf(" :: ") + 4);
            } else if (line.startsWith("      ") && line.contains(" → ") && scenario != null) {
                expected.add(scenario + " :: " + line.strip().substring(0, line.strip().lastIndexOf(": ")));
            }
        }
        return expected;
    }

    record Run(int code, String output) {
    }

    private static int runs;

    /** Runs the command-line tool; its output is kept under target/walkthrough-2017/ for docs/rules-layout.md and reviewers. */
    private static Run tool(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new RulebookTool(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(args);
        Run run = new Run(code, bytes.toString(StandardCharsets.UTF_8));
        Path kept = Path.of("target", "walkthrough-2017", (++runs) + "-" + String.join("-", args).replaceAll("[^A-Za-z0-9-]+", "_") + ".txt");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "$ bin/rulebook " + String.join(" ", args) + "\n" + run.output() + "(exit code " + code + ")\n", StandardCharsets.UTF_8);
        return run;
    }
}
