package cn.panzhihua.scoring.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * One finding of the request: a rubric line (or veto, or sub-finding) the assessor found.
 * {@code seq} is its index in the request, so evidence can point back at it.
 *
 * @param seq its index in the request (findings[n])
 * @param code the finding code (clauses.tsv)
 * @param count how many were found (0: checked, nothing found)
 * @param serious 造成重大影响或严重后果: for I-2.1-URGENT and I-2.3, a veto
 * @param note the caller's words (evidence)
 * @param origin where it came from (evidence); may be null
 */
public record Finding(int seq, String code, int count, boolean serious, String note, Origin origin)
        implements Evidenced {

    /** What an auditor reads in the trail: the note as given, then where the finding came from. */
    public List<String> evidence() {
        List<String> lines = new ArrayList<>(2);
        lines.add(note != null && !note.isBlank() ? note : "findings[" + seq + "] " + code);
        if (origin != null) {
            lines.add("origin " + origin.name() + "（" + origin.chinese() + "）");
        }
        return lines;
    }
}
