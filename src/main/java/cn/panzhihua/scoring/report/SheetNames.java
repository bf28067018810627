package cn.panzhihua.scoring.report;

import org.apache.poi.ss.util.WorkbookUtil;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out sheet names Excel accepts: at most 31 characters, none of : \ / ? * [ ], not starting
 * or ending with an apostrophe, and unique ignoring case (Excel compares names that way).
 * "History" is reserved by Excel for its change-tracking sheet.
 */
final class SheetNames {

    static final int MAX_LENGTH = 31;

    private final Set<String> taken = new HashSet<>(Set.of("history"));

    /** A name derived from {@code wanted}, never one handed out before. */
    String next(String wanted) {
        String base = WorkbookUtil.createSafeSheetName(wanted == null || wanted.isBlank() ? "Sheet" : wanted, '_');
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "(" + n + ")";
            name = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())) + suffix;
        }
        return name;
    }
}
