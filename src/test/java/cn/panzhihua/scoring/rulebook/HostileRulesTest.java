package cn.panzhihua.scoring.rulebook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile rule corpus (src/test/resources/hostile-rules, one file per way out): each is refused
 * by the compile path every source goes through, at the line and column its first line names, with
 * a message naming what is not allowed; nothing of it runs (the canary is never written).
 */
class HostileRulesTest {

    static final Path CORPUS = Path.of("src/test/resources/hostile-rules");
    static final Path CANARY = Path.of("target/hostile-canary");
    private static final Pattern EXPECTED = Pattern.compile("^// refused at (\\d+):(\\d+): (.+)$", Pattern.MULTILINE);

    /** One corpus file: its name, text and where and why it must be refused. */
    record Hostile(String name, String text, int line, int column, String fragment) {
    }

    static List<Hostile> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".drl")).sorted().map(f -> {
                try {
                    String text = Files.readString(f);
                    if (f.getFileName().toString().contains("very-long")) {
                        text = text + "// padding\n".repeat(VocabularyGate.MAX_FILE_CHARS / 11 + 1);
                    }
                    Matcher m = EXPECTED.matcher(text);
                    if (!m.find()) {
                        throw new AssertionError(f + " does not say where it must be refused");
                    }
                    return new Hostile(f.getFileName().toString(), text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void everyHostileDraftIsRefusedWhereItSaysAndNothingRuns() throws IOException {
        Files.deleteIfExists(CANARY);
        List<Hostile> corpus = corpus();
        assertTrue(corpus.size() >= 40, "at least 40 ways out: " + corpus.size());
        StringBuilder wrong = new StringBuilder();
        for (Hostile h : corpus) {
            DrlCompiler.Result result = DrlCompiler.compile(List.of(new DrlCompiler.Source("2016/disclosure/" + h.name(), h.text())));
            assertNull(result.kieBase(), h.name() + " compiled");
            assertFalse(result.errors().isEmpty(), h.name());
            RulebookProblem first = result.errors().get(0);
            if (first.line() != h.line() || first.column() != h.column() || !first.message().contains(h.fragment())
                    || !first.file().equals("2016/disclosure/" + h.name())) {
                wrong.append("\n").append(h.name()).append(": expected ").append(h.line()).append(':').append(h.column()).append(' ')
                        .append(h.fragment()).append("\n   but got ").append(result.errors());
            }
            assertTrue(result.errors().stream().noneMatch(e -> e.line() == 0 || e.column() == 0), h.name() + ": " + result.errors());
        }
        assertEquals("", wrong.toString());
        assertFalse(Files.exists(CANARY), "a hostile draft wrote the canary");
    }
}
