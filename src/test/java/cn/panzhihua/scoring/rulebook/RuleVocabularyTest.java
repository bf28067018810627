package cn.panzhihua.scoring.rulebook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vocabulary is the rubric's: the whole 2016 rulebook passes the gate, and the list of fact types is the package's. */
class RuleVocabularyTest {

    @Test
    void every2016FilePassesTheGate() throws IOException {
        Path book = RulesDirectory.resolve("rules-drl").resolve("2016");
        List<Path> drl;
        try (Stream<Path> files = Files.walk(book)) {
            drl = files.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
        }
        assertEquals(16, drl.size(), drl.toString());
        for (Path file : drl) {
            VocabularyGate.Checked checked = VocabularyGate.check(new DrlCompiler.Source(book.relativize(file).toString(), Files.readString(file)));
            assertTrue(checked.passed(), file + ": " + checked.refusals() + checked.parserErrors());
        }
    }

    @Test
    void theFactTypesAreTheFactsPackage() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of("src/main/java/cn/panzhihua/scoring/facts"))) {
            files = list.map(f -> f.getFileName().toString().replace(".java", "")).sorted().toList();
        }
        List<String> listed = RuleVocabulary.FACT_TYPES.stream().filter(c -> c.getEnclosingClass() == null).map(Class::getSimpleName).sorted().toList();
        assertEquals(files, listed, "RuleVocabulary.FACT_TYPES must list every type of the facts package");
    }
}
