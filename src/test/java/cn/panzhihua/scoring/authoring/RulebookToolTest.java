package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.RulesDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authors' command-line tool: exit codes for CI, plain numbers, the approve mode's rules. */
class RulebookToolTest {

    @TempDir
    Path temp;
    Path book;

    @BeforeEach
    void copyThe2016Rulebook() throws IOException {
        Path source = RulesDirectory.resolve("rules-drl").resolve("2016");
        book = temp.resolve("2016");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = book.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Test
    void aGoodRulebookPassesWithExitCode0() {
        Run run = run("test", book.toString());
        assertEquals(RulebookTool.PASSED, run.code(), run.output());
        assertTrue(run.output().matches("(?s).*\\n2\\d\\d passed, 0 failed; PASSED in \\d+\\.\\d s\\n"), run.output());
        assertTrue(run.output().contains("every rule and table row is exercised by some scenario"), run.output());
    }

    @Test
    void aFilterRunsOnlyMatchingScenariosAndSaysCoverageWasNotChecked() {
        Run run = run("test", book.toString(), "--filter", "E-CAP");
        assertEquals(RulebookTool.PASSED, run.code(), run.output());
        assertTrue(run.output().contains("(scenarios matching \"E-CAP\")"), run.output());
        assertTrue(run.output().contains("not checked: --filter runs only some scenarios"), run.output());
    }

    @Test
    void aRulebookThatDoesNotBuildExitsWith2AndSaysWhere() throws IOException {
        edit("efficiency/table.drl", s -> s.replace("then\n    insertLogical(new Deduction($line, $line.points(), Evidence.of($found)));",
                "then\n    insertLogical(new Deduction($line, $line.points(), Evidence.of($found));"));
        Run run = run("test", book.toString());
        assertEquals(RulebookTool.DOES_NOT_BUILD, run.code(), run.output());
        assertTrue(run.output().contains("2016/efficiency/table.drl:"), run.output());
    }

    @Test
    void failingScenariosExitWith1AndShowPlainNumbers() throws IOException {
        // Before: "expected 24, actual 3E+1".
        edit("information/adoption-tiers.scenarios.json", s -> s.replaceFirst("\"information.score\": 100", "\"information.score\": 3E+1"));
        Run run = run("test", book.toString());
        assertEquals(RulebookTool.FAILED, run.code(), run.output());
        assertTrue(run.output().contains("information.score: expected 30, actual 100"), run.output());
        assertFalse(run.output().contains("E+"), run.output());
    }

    @Test
    void approveShowsOldAndNewAndRewritesOnlyWhenAsked() throws IOException {
        edit("channels.tsv", s -> s.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t")
                .replace("《攀政快讯》采用 1 条信息计 4 分", "《攀政快讯》采用 1 条信息计 5 分"));
        String before = read("information/adoption.scenarios.json");
        Run shown = run("test", book.toString(), "--approve");
        assertTrue(shown.output().contains("information.adoption.municipal.earned: 4 → 5"), shown.output());
        assertTrue(shown.output().contains("run again with --approve --write"), shown.output());
        assertEquals(before, read("information/adoption.scenarios.json"), "nothing is written without --write");
        assertTrue(shown.output().contains("boundary information.adoption.municipal.completion"), "a boundary scenario is listed: " + shown.output());

        Run written = run("test", book.toString(), "--approve", "--write");
        String after = read("information/adoption.scenarios.json");
        assertNotEquals(before, after);
        assertTrue(written.output().contains("rewrote "), written.output());
        // Only values changed, in place: the files keep their lines.
        assertEquals(before.lines().count(), after.lines().count());
        // What is left is what approve does not touch: the scenarios that no longer sit on their boundary.
        assertTrue(written.output().contains("the gate again, with the rewritten scenarios:"), written.output());
        String again = written.output().substring(written.output().indexOf("the gate again"));
        String[] failures = again.split("\nFAIL ");
        assertTrue(failures.length > 1, again);
        for (int i = 1; i < failures.length; i++) {
            // Declared boundaries fail as such; undeclared ones (24/24 = 100% exactly) approve refused to move, saying why.
            String scenario = failures[i].lines().findFirst().orElse("");
            assertTrue(failures[i].contains("boundary ") || written.output().contains(scenario + "\n      it sits on the"),
                    "only scenarios off their boundary still fail: " + failures[i]);
        }
    }

    @Test
    void approveNeverRewritesARejectedRequest() throws IOException {
        edit("channels.tsv", s -> s.replace("PROVINCE_WORK_EXCHANGE\t", "PROVINCE_EXCHANGE\t"));
        String before = read("information/adoption.scenarios.json");
        Run run = run("test", book.toString(), "--approve", "--write");
        assertTrue(run.output().contains("its request is now rejected; approve never rewrites a rejected request"), run.output());
        assertEquals(before, read("information/adoption.scenarios.json"));
    }

    @Test
    void wrongCommandsExitWith64() {
        assertEquals(RulebookTool.USAGE, run().code());
        assertEquals(RulebookTool.USAGE, run("test").code());
        assertEquals(RulebookTool.USAGE, run("test", temp.resolve("nope").toString()).code());
        assertEquals(RulebookTool.USAGE, run("test", book.toString(), "--write").code());
        assertEquals(RulebookTool.USAGE, run("frobnicate").code());
    }

    record Run(int code, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new RulebookTool(out).run(args);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private String read(String file) throws IOException {
        return Files.readString(book.resolve(file), StandardCharsets.UTF_8);
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        String before = read(file);
        String after = change.apply(before);
        assertNotEquals(before, after, "the edit of " + file + " changed nothing");
        Files.writeString(book.resolve(file), after, StandardCharsets.UTF_8);
    }
}
