package cn.panzhihua.scoring.rulebook;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rulebook loads only when its data and rules are sound, and says exactly where they are not. */
class RulebookLoaderTest {

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
    void the2016RulebookLoads() {
        Rulebook rulebook = RulebookLoader.load(book);
        assertEquals(2016, rulebook.year());
        assertEquals(72, rulebook.units().size());
        assertTrue(rulebook.version().matches("2016-[0-9a-f]{12}"), rulebook.version());
        assertEquals(14, rulebook.items().size());
        assertTrue(rulebook.rules().stream().allMatch(r -> r.clause() != null && r.source() != null && r.text() != null));
    }

    @Test
    void theVersionIsAContentHashThatIgnoresScenarios() throws IOException {
        String before = RulebookLoader.load(book).version();
        assertEquals(before, RulebookLoader.load(book).version(), "same content, same version");
        edit("disclosure/organisation.scenarios.json", s -> s.replace("市财政局", "市国资委"));
        assertEquals(before, RulebookLoader.load(book).version(), "scenarios cannot change a result");
        edit("disclosure/organisation.drl", s -> s + "\n// a comment is a change\n");
        assertNotEquals(before, RulebookLoader.load(book).version());
    }

    @Test
    void aCompileErrorNamesFileLineAndColumn() throws IOException {
        edit("efficiency/table.drl", s -> s.replace("Line(code == \"E-5\")", "Line(code == \"E-5\"  $$broken"));
        RulebookException e = assertThrows(RulebookException.class, () -> RulebookLoader.load(book));
        RulebookProblem first = e.problems().get(0);
        assertEquals("2016/efficiency/table.drl", first.file());
        assertTrue(first.line() > 0, "line " + first.line());
        assertTrue(e.getMessage().contains("2016/efficiency/table.drl:" + first.line()), e.getMessage());
    }

    @Test
    void anUnknownTypeInAConstraintIsAnError() throws IOException {
        edit("information/basic-work.drl", s -> s.replace("Line(code == \"I-1\")", "Lnie(code == \"I-1\")"));
        RulebookException e = assertThrows(RulebookException.class, () -> RulebookLoader.load(book));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("2016/information/basic-work.drl") && p.message().contains("Lnie")),
                e.getMessage());
    }

    @Test
    void aBadUnitRowFailsWithFileAndLine() throws IOException {
        edit("units.tsv", s -> s.replace("市财政局\tMUNICIPAL_DEPARTMENT", "市财政局\tMINISTRY"));
        RulebookException e = assertThrows(RulebookException.class, () -> RulebookLoader.load(book));
        RulebookProblem problem = e.problems().get(0);
        assertEquals("2016/units.tsv", problem.file());
        assertEquals(lineOf("units.tsv", "市财政局"), problem.line());
        assertTrue(problem.message().contains("MINISTRY"), problem.message());
    }

    @Test
    void negativeTargetsDuplicatesAndTheWrongCountAreRejected() throws IOException {
        edit("units.tsv", s -> s.replace("市财政局\tMUNICIPAL_DEPARTMENT\t80\t6", "市财政局\tMUNICIPAL_DEPARTMENT\t80\t-6"));
        assertTrue(message().contains("provincial_target is negative"));
        copyThe2016RulebookAgain();
        edit("units.tsv", s -> s.replace("市国资委\t", "市财政局\t"));
        assertTrue(message().contains("duplicate unit '市财政局'"));
        copyThe2016RulebookAgain();
        edit("units.tsv", s -> s.replace("市烟草专卖局\tMUNICIPAL_DEPARTMENT\t24\t0\tyes\tyes\t\n", ""));
        assertTrue(message().contains("lists 71 units"), message());
    }

    @Test
    void aRuleNamingAnUnknownClauseFails() throws IOException {
        edit("disclosure/daily-work.drl", s -> s.replace("@clause(\"D-2.4\")", "@clause(\"D-2.9\")"));
        String message = message();
        assertTrue(message.contains("names clause D-2.9, which clauses.tsv does not list"), message);
        assertTrue(message.contains("clause D-2.4 has no rule"), message);
    }

    @Test
    void aRuleWithoutItsMetadataFails() throws IOException {
        edit("disclosure/carriers.drl", s -> s.replaceFirst("    @source\\(\"[^\"]*\"\\)\n", ""));
        assertTrue(message().contains("has no @source metadata"), message());
    }

    @Test
    void itemsMustAddUpTo100() throws IOException {
        edit("items.tsv", s -> s.replace("DISCLOSURE\tD-4\t20", "DISCLOSURE\tD-4\t25"));
        assertTrue(message().contains("DISCLOSURE items add up to 105"), message());
    }

    private String message() {
        return assertThrows(RulebookException.class, () -> RulebookLoader.load(book)).getMessage();
    }

    private void copyThe2016RulebookAgain() throws IOException {
        try (Stream<Path> files = Files.walk(book)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        copyThe2016Rulebook();
    }

    private int lineOf(String file, String text) throws IOException {
        var lines = Files.readAllLines(book.resolve(file), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(text)) {
                return i + 1;
            }
        }
        return -1;
    }

    private void edit(String file, java.util.function.UnaryOperator<String> change) throws IOException {
        Path path = book.resolve(file);
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertNotEquals(before, after, "the edit of " + file + " changed nothing");
        Files.writeString(path, after, StandardCharsets.UTF_8);
    }
}
