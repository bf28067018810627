package cn.panzhihua.scoring.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The menu offers a person exactly the parts their roles open (issue 19 §4): signed in as each
 * development user, every entry shown answers 200 and every entry left out answers 403, so nobody
 * is led to "没有权限" and nothing they may open is hidden.
 */
@QuarkusTest
class ConsoleMenuTest {

    private static final Pattern NAV = Pattern.compile("<nav aria-label=\"主导航\">(.*?)</nav>", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("href=\"(/console/[a-z]+)\"");

    @Test
    void eachRoleIsOfferedWhatItOpensAndNothingElse() {
        Map<String, List<String>> offered = new LinkedHashMap<>();
        Map<String, String> passwords = Map.of("auditor", "auditor-dev", "evaluator", "evaluator-dev", "author", "author-dev",
                "caizheng", "caizheng-dev", "supervisor", "supervisor-dev");
        for (String user : List.of("auditor", "evaluator", "author", "caizheng", "supervisor")) {
            String cookie = ConsolePagesTest.login(user, passwords.get(user));
            List<String> shown = links(given().cookie("quarkus-credential", cookie).get("/console").asString());
            offered.put(user, shown);
            List<String> wrong = new ArrayList<>();
            for (ConsoleMenu.Entry entry : ConsoleMenu.ENTRIES) {
                int status = given().cookie("quarkus-credential", cookie).redirects().follow(false).get(entry.href()).statusCode();
                int expected = shown.contains(entry.href()) ? 200 : 403;
                if (status != expected) {
                    wrong.add(entry.href() + " answered " + status + ", the menu " + (expected == 200 ? "offers" : "hides") + " it");
                }
            }
            assertEquals(List.of(), wrong, user);
        }
        // worked out from the roles each page asks for
        assertEquals(List.of("/console/evaluations", "/console/reports", "/console/rulebooks", "/console/impact", "/console/campaigns",
                "/console/adoptions", "/console/chain"), offered.get("auditor"));
        assertEquals(List.of("/console/rulebooks", "/console/campaigns", "/console/adoptions"), offered.get("evaluator"));
        assertEquals(List.of("/console/rulebooks", "/console/impact"), offered.get("author"));
        assertEquals(List.of("/console/campaigns"), offered.get("caizheng"));
        assertEquals(List.of("/console/campaigns"), offered.get("supervisor"));
        // a visitor not signed in sees every part; each asks for a login
        assertEquals(7, links(given().get("/console").asString()).size());
    }

    private static List<String> links(String page) {
        Matcher nav = NAV.matcher(page);
        List<String> links = new ArrayList<>();
        if (nav.find()) {
            Matcher link = LINK.matcher(nav.group(1));
            while (link.find()) {
                links.add(link.group(1));
            }
        }
        return links;
    }
}
