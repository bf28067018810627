package cn.panzhihua.scoring.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SheetNamesTest {

    @Test
    void namesFitExcelsRules() {
        SheetNames names = new SheetNames();
        assertEquals("市财政局", names.next("市财政局"));
        String cleaned = names.next("a/b:c?d*e[f]g\\h");
        assertTrue(cleaned.matches("[^/\\\\?*:\\[\\]]+"), cleaned);
        String longName = "攀枝花市某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某管理局";
        String first = names.next(longName);
        String second = names.next(longName);
        assertEquals(31, first.length());
        assertTrue(second.length() <= 31, second);
        assertNotEquals(first, second);
        assertTrue(second.endsWith("(2)"), second);
    }

    @Test
    void uniquenessIgnoresCaseAsExcelDoes() {
        SheetNames names = new SheetNames();
        names.next("Office");
        assertEquals("OFFICE(2)", names.next("OFFICE"));
        assertEquals("History(2)", names.next("History"));
    }
}
