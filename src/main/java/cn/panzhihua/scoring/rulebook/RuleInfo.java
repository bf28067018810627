package cn.panzhihua.scoring.rulebook;

/**
 * A compiled rule as the catalogue and the trail show it: its name, its metadata and where it is
 * written. {@code findingCode} and {@code channel} are set on rules that serve a sub-finding or a channel.
 */
public record RuleInfo(String name, String packageName, String clause, String findingCode, String channel,
                       String source, String text, String note, String file, int line) {

    /** Where the rule is written, as the trail shows it: {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
