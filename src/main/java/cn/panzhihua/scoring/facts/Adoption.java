package cn.panzhihua.scoring.facts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One adopted piece of information (part D), or one issue of a per-issue channel, with its channel's row.
 *
 * @param seq its index in the request (information.adoptions[n])
 * @param channel its channel's row (channels.tsv): level, points, extra, bonus
 * @param date the date it was adopted
 * @param title its title, as the caller gave it (evidence)
 * @param leaderInstruction the highest leader instruction (批示) it received
 * @param stateCouncilAdopted whether the State Council (国办) adopted it
 * @param issue the issue number, on a per-issue channel
 * @param ledgerEntry the adoption ledger entry it comes from (issue 21), or null when the caller typed it in
 */
public record Adoption(int seq, Channel channel, LocalDate date, String title,
                       LeaderInstruction leaderInstruction, boolean stateCouncilAdopted, String issue, String ledgerEntry)
        implements Evidenced {

    public Adoption(int seq, Channel channel, LocalDate date, String title, LeaderInstruction leaderInstruction,
                    boolean stateCouncilAdopted, String issue) {
        this(seq, channel, date, title, leaderInstruction, stateCouncilAdopted, issue, null);
    }

    public boolean instructed(LeaderInstruction atLeast) {
        return atLeast != null && leaderInstruction.compareTo(atLeast) >= 0;
    }

    /** The record's own words: date, title, issue, instruction and ledger entry as the caller gave them. */
    public List<String> evidence() {
        List<String> lines = new ArrayList<>(4);
        lines.add(date.toString());
        if (title != null && !title.isBlank()) {
            lines.add(title);
        }
        if (issue != null) {
            lines.add("第" + issue + "期");
        }
        if (leaderInstruction != LeaderInstruction.NONE) {
            lines.add("leaderInstruction " + leaderInstruction.name());
        }
        if (stateCouncilAdopted) {
            lines.add("stateCouncilAdopted");
        }
        if (ledgerEntry != null) {
            lines.add("台账 " + ledgerEntry);
        }
        return lines;
    }
}
