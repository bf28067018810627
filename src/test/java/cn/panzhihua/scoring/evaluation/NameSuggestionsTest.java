package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.rulebook.RulesDirectory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a clerk types for a unit, and the names the service suggests from the 2016 table C. */
class NameSuggestionsTest {

    static final List<String> UNITS = units();

    static List<String> units() {
        try {
            return Files.readAllLines(RulesDirectory.resolve("rules-drl").resolve("2016/units.tsv")).stream()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("name\t") && !line.isBlank())
                    .map(line -> line.substring(0, line.indexOf('\t'))).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theTableHasItsUnits() {
        assertEquals(72, UNITS.size());
    }

    @Test
    void abbreviationsFullNamesAndTypos() {
        assertEquals(List.of("市发展改革委"), NameSuggestions.closest("市发改委", UNITS));
        assertEquals(List.of("市发展改革委"), NameSuggestions.closest("发改委", UNITS));
        assertEquals(List.of("市发展改革委"), NameSuggestions.closest("攀枝花市发展和改革委员会", UNITS));
        assertEquals("市财政局", NameSuggestions.closest("攀枝花市财政局", UNITS).get(0));
        assertEquals("市财政局", NameSuggestions.closest("财政局", UNITS).get(0));
        assertEquals("市教育体育局", NameSuggestions.closest("市教体局", UNITS).get(0));
        assertEquals("市人力资源和社会保障局", NameSuggestions.closest("市人社局", UNITS).get(0));
        assertEquals("市卫生计生委", NameSuggestions.closest("市卫计委", UNITS).get(0));
        assertEquals("东区政府", NameSuggestions.closest("东区", UNITS).get(0));
        assertEquals("市林业局", NameSuggestions.closest("市林业厅", UNITS).get(0), "one character wrong");
        assertEquals("市政府驻成都办事处", NameSuggestions.closest("市政府驻成都办", UNITS).get(0));
    }

    @Test
    void nothingCloseNothingSuggested() {
        assertEquals(List.of(), NameSuggestions.closest("市不存在", UNITS).stream().filter(n -> !n.startsWith("市")).toList());
        assertEquals(List.of(), NameSuggestions.closest("Finance Bureau", UNITS));
        assertEquals(List.of(), NameSuggestions.closest("x".repeat(10_000), UNITS));
        assertEquals(List.of(), NameSuggestions.closest("  ", UNITS));
        assertTrue(NameSuggestions.closest("市局", UNITS).size() <= NameSuggestions.MAX_SUGGESTIONS);
    }

    @Test
    void distances() {
        assertEquals(4, NameSuggestions.commonSubsequence("市发改委", "市发展改革委"));
        assertEquals(2, NameSuggestions.editDistance("市发改委", "市发展改革委"));
        assertEquals(0, NameSuggestions.editDistance("", ""));
        assertEquals(3, NameSuggestions.editDistance("abc", ""));
    }
}
