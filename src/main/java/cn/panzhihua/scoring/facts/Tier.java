package cn.panzhihua.scoring.facts;

/**
 * A completion tier of the rulebook's tier table (tiers.tsv): a portion of {@code item} whose
 * adoption points reach {@code threshold} percent of its target earns {@code share} percent of
 * what the portion is worth.
 */
public record Tier(String item, int threshold, int share, String source, String text, String note) {

    public Quote quote() {
        return new Quote(source, text, note);
    }
}
